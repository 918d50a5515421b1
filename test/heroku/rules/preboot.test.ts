import { prebootRule } from '../../../src/heroku/rules/preboot.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const FIX = 'heroku features:enable preboot -a hollow';

testRule(prebootRule, {
  pass: [{ name: 'preboot on', facts: appWith(() => {}) }],
  fail: [
    { name: 'preboot off', facts: appWith((f) => { f.features = []; }), reports: [{ messageId: 'preboot-off', mentions: [FIX] }] },
    { name: 'preboot listed but disabled', facts: appWith((f) => { f.features = [{ name: 'preboot', enabled: false }]; }), reports: [{ messageId: 'preboot-off', mentions: [FIX] }] },
  ],
  skip: [
    { name: 'a Private Space app', facts: appWith((f) => { f.features = []; f.app.space = { name: 'tokyo' }; }), reason: /rolling deploys/ },
    { name: 'a Fir app', facts: appWith((f) => { f.features = []; f.app.generation = { name: 'fir' }; }), reason: /rolling deploys/ },
    { name: 'basic web dynos', facts: appWith((f) => { f.features = []; f.formation[0]!.dyno_size = { name: 'Basic' }; }), reason: /professional dynos/ },
    { name: 'no web process', facts: appWith((f) => { f.features = []; f.formation = []; }), reason: /no web process/ },
  ],
});
