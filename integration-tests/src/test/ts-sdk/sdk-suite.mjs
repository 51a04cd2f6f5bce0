// Weave's official TypeScript SDK against `serve` (WF_TRACE_SERVER_URL): ops, nested and failing
// calls, attributes, display names, objects, a Dataset saved and read back, an Evaluation with a
// scorer, feedback and getCalls. The last line printed is JSON of what the Java side reads back.
import * as weave from 'weave';

const client = await weave.init('e/p');
const out = {};

const add = weave.op(async function add(a, b) { return a + b; });
const outer = weave.op(
  async function outer(x) { return (await add(x, 1)) * 2; },
  { callDisplayName: (x) => `outer of ${x}` });
const boom = weave.op(async function boom() { throw new Error('kaput'); });

out.outer = await weave.withAttributes({ env: 'ts-suite' }, () => outer(3));
try {
  await boom();
} catch (e) {
  out.boom = e.message;
}

const config = await client.publish({ temperature: 0.5, model: 'gpt-4o' }, 'ts-config');
out.configRef = config.uri();
out.configBack = await client.get(config);

const dataset = new weave.Dataset({
  name: 'ts-qa',
  rows: [{ q: 'one', expected: 1 }, { q: 'two', expected: 2 }, { q: 'three', expected: 3 }],
});
const datasetRef = await dataset.save();
out.datasetRef = datasetRef.uri();
const datasetBack = await client.get(datasetRef);
out.datasetRows = [];
for await (const row of datasetBack.rows) {
  out.datasetRows.push(row.q);
}

const model = weave.op(async function model({ datasetRow }) { return datasetRow.expected; });
const exact = weave.op(async function exact({ modelOutput, datasetRow }) {
  return { correct: modelOutput === datasetRow.expected };
});
const evaluation = new weave.Evaluation({ name: 'ts-eval', dataset, scorers: [exact] });
out.evaluation = await evaluation.evaluate({ model });

await client.waitForBatchProcessing();
const calls = await client.getCalls({});
const byOp = (name) => calls.filter((c) => c.op_name.includes(`/${name}:`));
out.outerId = byOp('outer')[0]?.id;
out.boomId = byOp('boom')[0]?.id;
out.feedbackId = await client.addScore(out.outerId, byOp('add')[0]?.id,
  'weave:///e/p/op/exact:0', { correct: true });
out.ops = [...new Set(calls.map((c) => c.op_name.replace(/^weave:\/\/\/e\/p\/op\//, '').split(':')[0]))].sort();
out.calls = calls.length;
await client.waitForBatchProcessing();
console.log(JSON.stringify(out));
