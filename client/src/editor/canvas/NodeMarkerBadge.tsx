import { useNodeMarker } from './overlay-context';

/**
 * The page's marker on a node (the review page's comment count): a button when it does
 * something, its whole meaning in the accessible name ("3 comments").
 */
export function NodeMarkerBadge({ id }: { id: string }) {
  const marker = useNodeMarker(id);
  if (!marker) return null;
  const className = `node-marker nodrag nopan${marker.muted ? ' node-marker-muted' : ''}`;
  if (!marker.onActivate) {
    return (
      <span className={className} data-testid={`marker-${id}`} title={marker.label}>
        <span aria-hidden="true">{marker.text}</span>
        <span className="visually-hidden">{marker.label}</span>
      </span>
    );
  }
  const activate = marker.onActivate;
  return (
    <button
      type="button"
      className={className}
      data-testid={`marker-${id}`}
      aria-label={marker.label}
      title={marker.label}
      onClick={(e) => {
        // The node's own click would only select it; the marker also opens what it counts.
        e.stopPropagation();
        activate();
      }}
    >
      {marker.text}
    </button>
  );
}
