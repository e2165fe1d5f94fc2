/** Says, to whoever is not an admin, why the list has no write controls ("assets", "entries"). */
export function AdminsOnlyNote({ what }: { what: string }) {
  return (
    <p role="note" data-testid="admins-only">
      Only admins can add, change, delete or import {what}.
    </p>
  );
}
