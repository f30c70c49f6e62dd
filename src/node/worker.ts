/**
 * A worker of the Node entry (dist/node/worker.js): parses the chunks it is sent, hands their id labels to the
 * main thread, adds them to its run of the plan in the order and at the positions the main thread gives, and
 * sends the run's state at the end. It runs the library's own code (`startMetrics`, trustIds: the main thread
 * checks ids across chunks).
 *
 * @internal
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MetricsError, startMetrics } from '../index.js';
import { chunkIds, parseJsonElements, parseNdjson, type ParsedChunk } from './parse.js';
import { transferables, type ErrorData, type FromWorker, type ToWorker, type WorkerInit } from './protocol.js';

const port = parentPort;
if (port === null) throw new Error('helpdesk-metrics/node: worker.js runs as a worker thread of runMetricsOnFile');
const init = workerData as WorkerInit;
const run = startMetrics(init.plan, { trustIds: true });
const pending = new Map<number, ParsedChunk>();

const send = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

function errorData(e: MetricsError): ErrorData {
  const d: ErrorData = { code: e.code, functionName: e.functionName, rule: e.rule, recordId: e.recordId, recordIndex: e.recordIndex, field: e.field, message: e.message };
  return e.cause === undefined ? d : { ...d, cause: String(e.cause) };
}

function onChunk(m: Extract<ToWorker, { t: 'chunk' }>): void {
  const bytes = new Uint8Array(m.buf, 0, m.length);
  const parsed = m.spans === undefined ? parseNdjson(bytes, m.length, init.invalid, m.first) : parseJsonElements(bytes, m.spans, m.newlines, init.invalid);
  pending.set(m.k, parsed);
  const ids = init.checkIds ? chunkIds(parsed.records) : undefined;
  send({ t: 'parsed', k: m.k, count: parsed.records.length, newlines: parsed.newlines, bad: parsed.bad, fatal: parsed.fatal, ids }, ids === undefined ? [] : [ids.bytes.buffer as ArrayBuffer, ids.ends.buffer as ArrayBuffer, ids.index.buffer as ArrayBuffer]);
}

function onGo(m: Extract<ToWorker, { t: 'go' }>): void {
  const parsed = pending.get(m.k);
  pending.delete(m.k);
  if (parsed === undefined) throw new Error(`chunk ${m.k} was not parsed here`);
  try {
    run.add(parsed.records, m.duplicates === undefined ? { position: m.position } : { position: m.position, duplicates: m.duplicates });
  } catch (e) {
    if (!(e instanceof MetricsError)) throw e;
    const i = e.recordIndex === undefined ? -1 : e.recordIndex - m.position;
    const line = i >= 0 && i < parsed.records.length ? m.lineBase + parsed.lineOf(i) + 1 : undefined;
    send({ t: 'error', k: m.k, error: errorData(e), line });
    return;
  }
  send({ t: 'added', k: m.k });
}

port.on('message', (m: ToWorker) => {
  try {
    if (m.t === 'chunk') onChunk(m);
    else if (m.t === 'go') onGo(m);
    else {
      const state = run.state();
      send({ t: 'state', state }, transferables(state));
    }
  } catch (e) {
    send({ t: 'crash', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });
  }
});
