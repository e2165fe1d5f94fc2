/** A common cron pattern in words ("every day at 02:00"); null for anything else (the page shows the cron itself). */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const int = (s: string): number | undefined => (/^\d{1,2}$/.test(s) ? Number(s) : undefined);
const every = (s: string): number | undefined => {
  const m = /^\*\/(\d{1,2})$/.exec(s);
  return m?.[1] ? Number(m[1]) : undefined;
};
const pad = (n: number) => String(n).padStart(2, '0');

function daily(minute: number, hour: number, dom: string, dow: string): string | null {
  const at = `at ${pad(hour)}:${pad(minute)}`;
  if (dom === '*' && dow === '*') return `every day ${at}`;
  const day = int(dow);
  if (dom === '*' && day !== undefined && day <= 7) return `every ${DAYS[day % 7] ?? ''} ${at}`;
  if (dom === '*' && dow === '1-5') return `every weekday (Monday to Friday) ${at}`;
  const date = int(dom);
  if (date !== undefined && dow === '*') return `on day ${date} of every month ${at}`;
  return null;
}

/** Five-field patterns only (a sixth, seconds, field is left as the cron). */
export function cronInWords(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [min = '', hour = '', dom = '', month = '', dow = ''] = fields;
  if (month !== '*') return null;
  const minute = int(min);
  if (dom === '*' && dow === '*' && hour === '*') {
    if (min === '*') return 'every minute';
    const n = every(min);
    if (n !== undefined) return n === 1 ? 'every minute' : `every ${n} minutes`;
    if (minute !== undefined) return minute === 0 ? 'every hour, on the hour' : `every hour at minute ${minute}`;
    return null;
  }
  const h = int(hour);
  if (minute !== undefined && h !== undefined) return daily(minute, h, dom, dow);
  const hours = every(hour);
  if (minute !== undefined && hours !== undefined && dom === '*' && dow === '*') {
    return `every ${hours} hours at minute ${minute}`;
  }
  return null;
}
