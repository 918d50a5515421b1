// A deploy in a process of its own, so that the test can Ctrl-C it in the middle of the push.
import { HerokuClient } from '../../../src/heroku/client.js';
import { deploy } from '../../../src/deploy/deploy.js';
import { TEST_TOKEN } from './fake-api.js';

const [repo, apiUrl] = process.argv.slice(2);
await deploy({
  repo: repo!,
  app: 'demo',
  client: new HerokuClient({ token: TEST_TOKEN, baseUrl: apiUrl! }),
  token: TEST_TOKEN,
  onStep: (step) => console.log(`${step.name}:${step.status}`),
});
