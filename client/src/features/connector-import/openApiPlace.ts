/**
 * Where in an OpenAPI document a problem is, in words for a person: `paths./ip.get.parameters.0`
 * reads "Operation GET /ip › parameter 1", `components.securitySchemes.PartnerLogin`
 * "Security scheme PartnerLogin", `(root)` "The document".
 */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

const COMPONENTS: Record<string, string> = {
  schemas: 'Schema',
  securitySchemes: 'Security scheme',
  parameters: 'Shared parameter',
  requestBodies: 'Shared request body',
  responses: 'Shared response',
};

const TOP: Record<string, string> = {
  openapi: 'OpenAPI version',
  info: 'Document information',
  servers: 'Servers',
  security: 'Security',
  paths: 'Operations',
  components: 'Components',
};

/** One segment after a named part: list items by number, `$ref` as a reference. */
function partWords(parts: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    const index = next !== undefined && /^\d+$/.test(next) ? Number(next) + 1 : undefined;
    if (part === 'parameters' && index !== undefined) {
      words.push(`parameter ${index}`);
      i++;
    } else if (part === 'responses' && next !== undefined) {
      words.push(`response ${next}`);
      i++;
    } else if (part === 'requestBody') words.push('request body');
    else if (part === '$ref') words.push('reference');
    else if (/^\d+$/.test(part)) words.push(`item ${Number(part) + 1}`);
    else words.push(part === 'url' ? 'URL' : part);
  }
  return words;
}

/** `paths./v1.0/ip.get.parameters.0`: the API path may hold dots, so the method ends it. */
function operationWords(parts: readonly string[]): string[] {
  const method = parts.findIndex((p, i) => i > 0 && METHODS.has(p));
  if (method < 0) return [`Path ${parts.join('.')}`];
  const where = parts.slice(0, method).join('.');
  return [`Operation ${(parts[method] ?? '').toUpperCase()} ${where}`, ...partWords(parts.slice(method + 1))];
}

export function openApiPlace(path: string): string {
  if (path === '' || path === '(root)') return 'The document';
  const [head = '', second, ...rest] = path.split('.');
  let words: string[];
  if (head === 'paths' && second !== undefined) words = operationWords([second, ...rest]);
  else if (head === 'components' && second !== undefined && rest[0] !== undefined) {
    words = [`${COMPONENTS[second] ?? second} ${rest[0]}`, ...partWords(rest.slice(1))];
  } else if (head === 'servers' && second !== undefined && /^\d+$/.test(second)) {
    words = [`Server ${Number(second) + 1}`, ...partWords(rest)];
  } else if (head === 'webhooks' && second !== undefined) words = [`Webhook ${second}`, ...partWords(rest)];
  else words = [TOP[head] ?? head, ...partWords(second === undefined ? rest : [second, ...rest])];
  return words.join(' › ');
}

/**
 * A document problem the server put in one message (`components.schemas.Host.$ref: points
 * outside the document`) with its place in words; a message without a place is kept.
 */
export function placedMessage(message: string): string {
  const m = /^(\(root\)|[A-Za-z$][^\s:]*): (.*)$/s.exec(message);
  if (!m || !m[1] || m[2] === undefined || !(m[1] === '(root)' || m[1].includes('.') || m[1] in TOP)) return message;
  return `${openApiPlace(m[1])}: ${m[2]}`;
}
