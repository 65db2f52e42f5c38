/**
 * A worker thread of WorkerPreparer: prepares the documents it is sent, one
 * at a time, and sends each back with its raw bytes transferred, not copied.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Normaliser, loadNormaliseRules } from "../normalise/index.js";
import { prepareDocument, type PreparationContext } from "./prepare.js";
import type { WorkerMessage, WorkerSetup, WorkerTask } from "./workers.js";

const setup = workerData as WorkerSetup;
const context: PreparationContext = { ingest: setup.ingest, normaliser: new Normaliser(loadNormaliseRules(), setup.mappings) };
const port = parentPort!;

port.on("message", (task: WorkerTask) => {
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const hints = { charset: task.charset, articleSelector: task.articleSelector, dropBlocks: task.dropBlocks && new Set(task.dropBlocks) };
  void prepareDocument(task.source, bytes, hints, context).then((preparation) => {
    const reply: WorkerMessage = { id: task.id, preparation };
    port.postMessage(reply, preparation.ok ? [bytes.buffer as ArrayBuffer] : []);
  });
});
const ready: WorkerMessage = { ready: true };
port.postMessage(ready);
