// office-addin-manifest pulls an ESM-only dependency that jest on Node 20 cannot load;
// component tests only need its OfficeApp enum.
module.exports = { OfficeApp: { Outlook: "outlook", Excel: "excel", Word: "word", PowerPoint: "powerpoint" } };
