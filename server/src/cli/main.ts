import { wantsColor } from './report';
import { runCli } from './run';

const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  color: wantsColor(process.stdout.isTTY, process.env),
});
process.exitCode = code;
