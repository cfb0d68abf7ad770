#!/usr/bin/env node
/*
 * The project's own structural check of manifest.xml: no network, no schema files, no
 * dependencies, so it runs on any machine (CI without ../shared, a developer laptop offline).
 * It checks what the XSD cannot: that the task pane, the custom functions and the ribbon share
 * ONE runtime, that every resid is defined, that the namespace is SUBS, and that every URL is
 * HTTPS. The XSD check (../shared/tools/validate-manifest) remains the check of the schema.
 *
 *   node scripts/manifest-check.js manifest.xml dist/manifest.xml
 *
 * Library use: checkManifest(xmlText) returns a list of problems, each { code, message };
 * an empty list means the manifest passes. Codes:
 *   xml-syntax          the text is not well-formed XML
 *   root                the root is not <OfficeApp xsi:type="TaskPaneApp">
 *   id                  <Id> is not a GUID
 *   permissions         <Permissions> is not ReadWriteDocument
 *   requirement-set     the SharedRuntime 1.1 requirement set is not declared
 *   not-https           a URL that is not https:// (attribute or text)
 *   no-version-overrides, no-runtime, no-custom-functions, no-function-file,
 *   no-taskpane-button  a required part of the shared runtime is missing
 *   runtime-lifetime    <Runtime> is not lifetime="long"
 *   shared-resid        Page, FunctionFile or a ShowTaskpane action names another resid than <Runtime>
 *   undefined-resid     a resid with no resource of that id in <Resources>
 *   duplicate-resid     two resources with the same id
 *   resid-kind          a resid names the wrong kind of resource (e.g. a string where a URL belongs)
 *   namespace           the custom functions namespace is not SUBS
 *   script-url          <Script> does not point at functions.js
 *   metadata-url        <Metadata> does not point at functions.json
 *   home-button         no Home-tab (TabHome) button opens the task pane
 */
"use strict";

const EXPECTED = {
  namespace: "SUBS",
  permissions: "ReadWriteDocument",
  scriptFile: "functions.js",
  metadataFile: "functions.json",
  homeTab: "TabHome",
};

// ---- a small XML reader (elements, attributes, text; enough for manifests) -------------

class XmlSyntaxError extends Error {
  constructor(message, line) {
    super(`line ${line}: ${message}`);
    this.name = "XmlSyntaxError";
    this.line = line;
  }
}

const ENTITIES = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text, line) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g, (match, name) => {
    if (!name) throw new XmlSyntaxError("bare '&' (write &amp;)", line);
    if (name[0] === "#") return String.fromCodePoint(name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    if (!(name in ENTITIES)) throw new XmlSyntaxError(`unknown entity &${name};`, line);
    return ENTITIES[name];
  });
}

/** Parses XML text into { name, local, attrs, children, text, line, parent } elements. */
function parseXml(source) {
  const text = String(source).replace(/^\uFEFF/, "");
  let pos = 0;
  let line = 1;
  let root = null;
  const stack = [];

  const advanceTo = (next) => {
    for (let i = pos; i < next; i++) if (text.charCodeAt(i) === 10) line++;
    pos = next;
  };
  const skipPast = (terminator, what) => {
    const end = text.indexOf(terminator, pos);
    if (end < 0) throw new XmlSyntaxError(`unterminated ${what}`, line);
    const body = text.slice(pos, end);
    advanceTo(end + terminator.length);
    return body;
  };

  while (pos < text.length) {
    const lt = text.indexOf("<", pos);
    const chunk = lt < 0 ? text.slice(pos) : text.slice(pos, lt);
    if (chunk.trim()) {
      if (!stack.length) throw new XmlSyntaxError("text outside the root element", line);
      stack[stack.length - 1].text += decodeEntities(chunk, line);
    }
    if (lt < 0) {
      advanceTo(text.length);
      break;
    }
    advanceTo(lt);

    if (text.startsWith("<?", pos)) {
      skipPast("?>", "processing instruction");
    } else if (text.startsWith("<!--", pos)) {
      skipPast("-->", "comment");
    } else if (text.startsWith("<![CDATA[", pos)) {
      advanceTo(pos + 9);
      const body = skipPast("]]>", "CDATA section");
      if (!stack.length) throw new XmlSyntaxError("CDATA outside the root element", line);
      stack[stack.length - 1].text += body;
    } else if (text.startsWith("<!", pos)) {
      skipPast(">", "declaration");
    } else if (text.startsWith("</", pos)) {
      const startLine = line;
      const name = skipPast(">", "end tag").slice(2).trim();
      const open = stack.pop();
      if (!open) throw new XmlSyntaxError(`</${name}> closes nothing`, startLine);
      if (open.name !== name) throw new XmlSyntaxError(`</${name}> closes <${open.name}> opened on line ${open.line}`, startLine);
    } else {
      const startLine = line;
      const tag = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(text.slice(pos));
      if (!tag) throw new XmlSyntaxError("malformed start tag", startLine);
      const element = { name: tag[1], local: tag[1].replace(/^.*:/, ""), attrs: {}, children: [], text: "", line: startLine, parent: stack[stack.length - 1] || null };
      const attrPattern = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
      let attr;
      while ((attr = attrPattern.exec(tag[2]))) {
        if (attr[1] in element.attrs) throw new XmlSyntaxError(`attribute ${attr[1]} repeated on <${tag[1]}>`, startLine);
        element.attrs[attr[1]] = decodeEntities(attr[2] !== undefined ? attr[2] : attr[3], startLine);
      }
      if (element.parent) element.parent.children.push(element);
      else if (root) throw new XmlSyntaxError("a second root element", startLine);
      else root = element;
      advanceTo(pos + tag[0].length);
      if (!tag[3]) stack.push(element);
    }
  }
  if (stack.length) throw new XmlSyntaxError(`<${stack[stack.length - 1].name}> is never closed`, stack[stack.length - 1].line);
  if (!root) throw new XmlSyntaxError("no root element", line);
  return root;
}

// ---- tree helpers ------------------------------------------------------------------------

function* descendants(element) {
  for (const child of element.children) {
    yield child;
    yield* descendants(child);
  }
}

const childrenNamed = (element, local) => (element ? element.children.filter((c) => c.local === local) : []);
const child = (element, local) => childrenNamed(element, local)[0];
const findAll = (element, predicate) => [...descendants(element)].filter(predicate);
const xsiType = (element) => element.attrs["xsi:type"];

function nearestAncestor(element, local) {
  for (let e = element.parent; e; e = e.parent) if (e.local === local) return e;
  return null;
}

// ---- the check ---------------------------------------------------------------------------

/** Which kind of resource a resid on an element of this (local) name must name. */
const RESID_KIND = {
  Runtime: "url",
  SourceLocation: "url",
  FunctionFile: "url",
  LearnMoreUrl: "url",
  Image: "image",
  Label: "short",
  Title: "short",
  Namespace: "short",
  Description: "long",
};

const RESOURCE_GROUPS = { Images: "image", Urls: "url", ShortStrings: "short", LongStrings: "long" };

function collectResources(versionOverrides, problems) {
  const resources = new Map();
  const groups = child(versionOverrides, "Resources")?.children ?? [];
  for (const group of groups) {
    const kind = RESOURCE_GROUPS[group.local];
    if (!kind) continue;
    for (const item of group.children) {
      const id = item.attrs.id;
      if (!id) continue;
      if (resources.has(id)) {
        problems.push({ code: "duplicate-resid", message: `line ${item.line}: resource id "${id}" is defined twice (also line ${resources.get(id).line})` });
        continue;
      }
      resources.set(id, { kind, value: item.attrs.DefaultValue ?? "", line: item.line });
    }
  }
  return resources;
}

function isNamespaceAttribute(name) {
  return name === "xmlns" || name.startsWith("xmlns:") || name === "xsi:schemaLocation";
}

function checkUrls(root, problems) {
  const looksLikeUrl = /^\s*[A-Za-z][A-Za-z0-9+.-]*:\/\//;
  const report = (value, where, line) => {
    if (looksLikeUrl.test(value) && !/^\s*https:\/\//i.test(value)) {
      problems.push({ code: "not-https", message: `line ${line}: ${where} "${value.trim()}" is not https (Office loads add-ins only over HTTPS)` });
    }
  };
  for (const element of [root, ...descendants(root)]) {
    for (const [name, value] of Object.entries(element.attrs)) {
      if (!isNamespaceAttribute(name)) report(value, `<${element.name} ${name}>`, element.line);
    }
    if (element.text.trim()) report(element.text, `<${element.name}>`, element.line);
  }
}

function checkSharedRuntime(versionOverrides, resources, problems) {
  const hosts = findAll(versionOverrides, (e) => e.local === "Host" && nearestAncestor(e, "VersionOverrides") === versionOverrides);
  const workbook = hosts.find((h) => xsiType(h) === "Workbook") || hosts[0];
  if (!workbook) {
    problems.push({ code: "no-runtime", message: `line ${versionOverrides.line}: <VersionOverrides> has no <Host xsi:type="Workbook">` });
    return;
  }
  const inHost = (predicate) => findAll(workbook, predicate);

  const runtime = inHost((e) => e.local === "Runtime" && e.parent && e.parent.local === "Runtimes")[0];
  const customFunctions = inHost((e) => e.local === "ExtensionPoint" && xsiType(e) === "CustomFunctions")[0];
  const functionFile = inHost((e) => e.local === "FunctionFile")[0];
  const taskpaneActions = inHost((e) => e.local === "Action" && xsiType(e) === "ShowTaskpane");

  if (!runtime) problems.push({ code: "no-runtime", message: `line ${workbook.line}: no <Runtimes><Runtime resid="…" lifetime="long"/> in the Workbook host` });
  else if (runtime.attrs.lifetime !== "long") {
    problems.push({ code: "runtime-lifetime", message: `line ${runtime.line}: <Runtime lifetime="${runtime.attrs.lifetime ?? ""}"> must be lifetime="long" for a shared runtime` });
  }
  if (!customFunctions) problems.push({ code: "no-custom-functions", message: `line ${workbook.line}: no <ExtensionPoint xsi:type="CustomFunctions">` });
  if (!functionFile) problems.push({ code: "no-function-file", message: `line ${workbook.line}: no <FunctionFile resid="…"> (it must name the shared runtime's page)` });
  if (!taskpaneActions.length) problems.push({ code: "no-taskpane-button", message: `line ${workbook.line}: no <Action xsi:type="ShowTaskpane">` });

  const sourceResid = (parent) => child(parent, "SourceLocation")?.attrs.resid;
  const page = customFunctions && child(customFunctions, "Page");
  const users = [];
  if (page) users.push({ what: "the CustomFunctions <Page>", resid: sourceResid(page), line: page.line });
  if (functionFile) users.push({ what: "<FunctionFile>", resid: functionFile.attrs.resid, line: functionFile.line });
  for (const action of taskpaneActions) users.push({ what: "the ShowTaskpane action", resid: sourceResid(action), line: action.line });
  // A <TaskpaneId> makes the button open a pane of its own instead of the long-lived runtime's
  // (learn.microsoft.com/office/dev/add-ins/develop/configure-your-add-in-to-use-a-shared-runtime:
  // "Don't include a TaskpaneId element" for a shared runtime).
  for (const action of taskpaneActions) {
    const taskpaneId = child(action, "TaskpaneId");
    if (taskpaneId) problems.push({ code: "taskpane-id", message: `line ${taskpaneId.line}: the ShowTaskpane action of the shared runtime must not have a <TaskpaneId>` });
  }
  if (runtime) {
    for (const user of users) {
      if (user.resid !== runtime.attrs.resid) {
        problems.push({
          code: "shared-resid",
          message: `line ${user.line}: ${user.what} uses resid "${user.resid ?? ""}" but <Runtime> uses "${runtime.attrs.resid}"; one shared runtime needs the same resid everywhere`,
        });
      }
    }
  }

  if (customFunctions) {
    const namespaceResid = child(customFunctions, "Namespace")?.attrs.resid;
    const namespace = namespaceResid && resources.get(namespaceResid);
    if (!namespace || namespace.value !== EXPECTED.namespace) {
      problems.push({ code: "namespace", message: `line ${customFunctions.line}: custom functions namespace is "${namespace ? namespace.value : ""}", expected "${EXPECTED.namespace}"` });
    }
    for (const [part, file, code] of [
      ["Script", EXPECTED.scriptFile, "script-url"],
      ["Metadata", EXPECTED.metadataFile, "metadata-url"],
    ]) {
      const element = child(customFunctions, part);
      const resid = element && sourceResid(element);
      const url = resid && resources.get(resid) ? resources.get(resid).value : "";
      if (!url.endsWith(`/${file}`)) {
        problems.push({ code, message: `line ${element ? element.line : customFunctions.line}: <${part}> points at "${url}", expected a URL ending in /${file}` });
      }
    }
  }

  const homeButton = inHost((e) => e.local === "OfficeTab" && e.attrs.id === EXPECTED.homeTab).some((tab) =>
    findAll(tab, (e) => e.local === "Action" && xsiType(e) === "ShowTaskpane").length > 0,
  );
  if (taskpaneActions.length && !homeButton) {
    problems.push({ code: "home-button", message: `line ${workbook.line}: no button on <OfficeTab id="${EXPECTED.homeTab}"> opens the task pane` });
  }
}

function checkResids(versionOverrides, resources, problems) {
  const users = findAll(versionOverrides, (e) => "resid" in e.attrs && nearestAncestor(e, "VersionOverrides") === versionOverrides);
  for (const user of users) {
    const resid = user.attrs.resid;
    const resource = resources.get(resid);
    if (!resource) {
      problems.push({ code: "undefined-resid", message: `line ${user.line}: <${user.name} resid="${resid}"> names no resource in <Resources>` });
      continue;
    }
    const expected = RESID_KIND[user.local];
    if (expected && resource.kind !== expected) {
      problems.push({ code: "resid-kind", message: `line ${user.line}: <${user.name} resid="${resid}"> needs a ${expected} resource but "${resid}" is a ${resource.kind} (line ${resource.line})` });
    }
  }
}

/**
 * Checks a manifest's XML text. Returns a list of problems ({ code, message }); empty = passes.
 * Programmer mistakes (a non-string argument) throw; anything wrong in the XML is a problem.
 */
function checkManifest(xml) {
  if (typeof xml !== "string") throw new TypeError("checkManifest expects the manifest's XML text as a string");
  let root;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return [{ code: "xml-syntax", message: error.message }];
    throw error;
  }
  const problems = [];
  if (root.local !== "OfficeApp" || xsiType(root) !== "TaskPaneApp") {
    problems.push({ code: "root", message: `line ${root.line}: root is <${root.name} xsi:type="${xsiType(root) ?? ""}">, expected <OfficeApp xsi:type="TaskPaneApp">` });
  }
  const id = child(root, "Id");
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id.text.trim())) {
    problems.push({ code: "id", message: `line ${id ? id.line : root.line}: <Id> "${id ? id.text.trim() : ""}" is not a GUID` });
  }
  const permissions = child(root, "Permissions");
  if (!permissions || permissions.text.trim() !== EXPECTED.permissions) {
    problems.push({ code: "permissions", message: `line ${permissions ? permissions.line : root.line}: <Permissions> is "${permissions ? permissions.text.trim() : ""}", expected ${EXPECTED.permissions}` });
  }
  const sharedRuntimeSet = childrenNamed(child(child(root, "Requirements"), "Sets"), "Set").find((s) => s.attrs.Name === "SharedRuntime");
  if (!sharedRuntimeSet || Number(sharedRuntimeSet.attrs.MinVersion) < 1.1) {
    problems.push({ code: "requirement-set", message: `line ${root.line}: <Requirements><Sets> must hold <Set Name="SharedRuntime" MinVersion="1.1"/>` });
  }
  // AppSource requires a support page (Commercial marketplace certification policy 1120.2 / manifest <SupportUrl>).
  const supportUrl = child(root, "SupportUrl");
  if (!supportUrl || !/^https:\/\//.test(supportUrl.attrs.DefaultValue ?? "")) {
    problems.push({ code: "support-url", message: `line ${supportUrl ? supportUrl.line : root.line}: <SupportUrl DefaultValue="https://…"/> is required for the store` });
  }
  checkUrls(root, problems);

  const overrides = findAll(root, (e) => e.local === "VersionOverrides");
  if (!overrides.length) problems.push({ code: "no-version-overrides", message: `line ${root.line}: no <VersionOverrides>` });
  for (const versionOverrides of overrides) {
    const resources = collectResources(versionOverrides, problems);
    checkResids(versionOverrides, resources, problems);
    checkSharedRuntime(versionOverrides, resources, problems);
  }
  return problems;
}

function main(files) {
  const fs = require("fs");
  if (!files.length) {
    console.error("usage: node scripts/manifest-check.js MANIFEST.xml...");
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    let problems;
    try {
      problems = checkManifest(fs.readFileSync(file, "utf8"));
    } catch (error) {
      problems = [{ code: "read", message: error.message }];
    }
    if (problems.length) {
      failed++;
      for (const p of problems) console.error(`${file}: ${p.code}: ${p.message}`);
    } else {
      console.log(`${file}: structure OK (shared runtime, resids, namespace ${EXPECTED.namespace}, https)`);
    }
  }
  return failed ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { checkManifest, parseXml, XmlSyntaxError, EXPECTED };
