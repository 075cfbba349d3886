// Sources import each other as `./x.js` (Node's resolution for compiled output); under jest the
// file is still `./x.ts`. Try the path as written first, so packages resolve untouched.
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    if (!/^\.{1,2}\/.*\.js$/.test(request)) throw error;
    return options.defaultResolver(request.replace(/\.js$/, '.ts'), options);
  }
};
