import type { ScheduleStatus } from '@autonomic/api';
import { Link } from 'react-router';
import { formatDate, shortId } from '../versions/format';

/** When a schedule starts the published version: the cron in words, the next tick, the last tick and its run. */
export function ScheduleSection({ schedule }: { schedule: ScheduleStatus | null }) {
  return (
    <section className="settings-section" aria-labelledby="schedule-title" data-testid="schedule">
      <h2 id="schedule-title">Schedule</h2>
      {!schedule ? (
        <p>Not scheduled: the published version does not start on a schedule.</p>
      ) : (
        <>
          <p>
            Runs <strong>{schedule.description ?? `on the schedule “${schedule.cron}”`}</strong> ({schedule.timezone}
            {schedule.description ? `; cron “${schedule.cron}”` : ''}).
          </p>
          <p data-testid="schedule-next">
            Next run: {schedule.nextAt ? formatDate(schedule.nextAt) : 'none (the pattern has no future time)'}
          </p>
          <p data-testid="schedule-last">
            Last fired:{' '}
            {!schedule.lastTick ? (
              'never'
            ) : (
              <>
                {formatDate(schedule.lastTick.at)}
                {schedule.lastTick.runId ? (
                  <>
                    {' '}
                    · <Link to={`/runs/${schedule.lastTick.runId}`}>run {shortId(schedule.lastTick.runId)}</Link>
                  </>
                ) : (
                  ' · no run started (for example, the kill switch was on)'
                )}
              </>
            )}
          </p>
        </>
      )}
    </section>
  );
}
