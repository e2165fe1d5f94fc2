/** Any address no route knows (inside the signed-in frame). */
export function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p role="alert">Page not found. The address may be mistyped, or the page was moved.</p>
    </>
  );
}
