/** The SPF include/redirect tree, one item per record, with each record's DNS lookup cost. */
import { Caption1, Tree, TreeItem, TreeItemLayout } from "@fluentui/react-components";
import type { SpfNode } from "../../spf/types";
import { useT } from "../locale";
import { useSharedStyles } from "./styles";

export function IncludeTree({ root }: { root: SpfNode }) {
  const t = useT();
  return (
    // Opened from its accordion, the whole tree shows: the point is to see where the lookups go.
    <Tree aria-label={t("ui.spf.treeLabel")} size="small" defaultOpenItems={branchValues(root, "0")}>
      <Node node={root} path="0" />
    </Tree>
  );
}

function nodeValue(node: SpfNode, path: string): string {
  return `${path}:${node.domain}`;
}

function branchValues(node: SpfNode, path: string): string[] {
  if (node.children.length === 0) return [];
  return [nodeValue(node, path), ...node.children.flatMap((child, index) => branchValues(child, `${path}.${index}`))];
}

function Node({ node, path }: { node: SpfNode; path: string }) {
  const t = useT();
  const styles = useSharedStyles();
  const hasChildren = node.children.length > 0;
  const label = (
    <TreeItemLayout
      aside={<Caption1 style={{ whiteSpace: "nowrap" }}>{t("ui.spf.nodeLookups", { count: node.totalLookups })}</Caption1>}
    >
      <span className={styles.wrap}>
        {node.via === "root" ? node.domain : t(`ui.spf.via.${node.via}`, { domain: node.domain })}
        {node.error ? ` (${node.error})` : ""}
      </span>
    </TreeItemLayout>
  );
  return (
    <TreeItem itemType={hasChildren ? "branch" : "leaf"} value={nodeValue(node, path)}>
      {label}
      {hasChildren && (
        <Tree>
          {node.children.map((child, index) => (
            <Node key={`${path}.${index}`} node={child} path={`${path}.${index}`} />
          ))}
        </Tree>
      )}
    </TreeItem>
  );
}
