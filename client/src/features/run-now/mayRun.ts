/** Who may start a run (the `runsApi.start` contract's access). Apart from the page: the editor header asks too. */
export const MAY_RUN = new Set(['analyst', 'admin']);
