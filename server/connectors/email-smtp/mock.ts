/**
 * An SMTP server on 127.0.0.1 (smtp-server) that keeps what it receives, parsed by
 * mailparser: AUTH PLAIN/LOGIN checked against one user (535 otherwise), and a switch that
 * answers the next N messages 451 (SMTP's "try again later"). No TLS: the client is told
 * `security: none`.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export const SMTP_USER = 'soar@acme.example';
export const SMTP_PASSWORD = 'p4ss-W0rd-for-smtp';

export interface SmtpSink {
  port: number;
  /** Messages accepted, parsed, with the envelope. */
  received: Array<{ mail: ParsedMail; from: string; to: string[] }>;
  /** Every message attempt (refused ones too). */
  attempts: number;
  /** The next `n` messages are answered 451. */
  deferNext(n: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink = { received: [] as SmtpSink['received'], attempts: 0, deferred: 0 };
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
        return callback(null, { user: auth.username });
      return callback(new Error('5.7.8 Authentication credentials invalid'));
    },
    onData(stream, session, callback) {
      sink.attempts++;
      simpleParser(stream).then(
        (mail) => {
          if (sink.deferred > 0) {
            sink.deferred--;
            return callback(Object.assign(new Error('4.7.1 Try again later'), { responseCode: 451 }));
          }
          const envelope = session.envelope;
          const from = envelope.mailFrom ? envelope.mailFrom.address : '';
          sink.received.push({ mail, from, to: envelope.rcptTo.map((r) => r.address) });
          return callback();
        },
        (e: Error) => callback(e),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    get received() {
      return sink.received;
    },
    get attempts() {
      return sink.attempts;
    },
    deferNext(n) {
      sink.deferred = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
