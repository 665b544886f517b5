/**
 * The chunks a diagnosis needs (parser and guidance engine; the report's views), fetched
 * as early as possible: while Office.js starts and Outlook hands over the item.
 */
export const loadEngine = () => import(/* webpackChunkName: "engine" */ "./engine");
export const loadReport = () => import(/* webpackChunkName: "report" */ "./views/Report");

export function preloadDiagnosis(): void {
  void loadEngine();
  void loadReport();
}
