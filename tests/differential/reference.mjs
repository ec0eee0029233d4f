// Reference semantics for Tachyon's precompile differential tests (see reference-ops.mjs).
// Protocol: one JSON object per stdin line, {"op": "...", "inputHex": "..."}; one JSON line per
// request on stdout, {"ok": bool, "outputHex": "..."}. ok = false means the precompile call fails.
import { createInterface } from 'node:readline';
import { ops, Invalid } from './reference-ops.mjs';

const toHex = (b) => Buffer.from(b).toString('hex');
const out = [];
const flush = () => { if (out.length) { process.stdout.write(out.join('')); out.length = 0; } };
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  if (!line.trim()) return;
  let reply;
  try {
    const { op, inputHex } = JSON.parse(line);
    const fn = ops[op];
    if (!fn) throw new Error('unknown op ' + op);
    try {
      reply = { ok: true, outputHex: toHex(fn(Buffer.from(inputHex, 'hex'))) };
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      reply = { ok: false, outputHex: '' };
    }
  } catch (e) {
    reply = { ok: false, outputHex: '', error: String(e && e.message ? e.message : e) };
  }
  out.push(JSON.stringify(reply) + '\n');
  if (out.length >= 64) flush();
});
rl.on('close', flush);
// Flush whatever is buffered whenever the input pauses, so a line-by-line client never stalls.
process.stdin.on('pause', flush);
setInterval(flush, 5).unref();
