/**
 * office-addin-mock requires office-addin-manifest only for its OfficeApp enum, but that package pulls ESM-only
 * dependencies that jest (CommonJS) cannot load. jest.config.js maps the module to this shim.
 */
const OfficeApp = Object.freeze({
  Excel: 'excel',
  OneNote: 'onenote',
  Outlook: 'outlook',
  PowerPoint: 'powerpoint',
  Project: 'project',
  Word: 'word',
});

module.exports = { OfficeApp };
