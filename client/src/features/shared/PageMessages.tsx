/** What the last action did (a status) and what went wrong (an alert), each shown when there is one. */
export function PageMessages({ status, error }: { status: string | null; error: string | null }) {
  return (
    <>
      {status && (
        <p role="status" className="ok">
          {status}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
