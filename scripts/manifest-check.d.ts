// Types for scripts/manifest-check.js (plain CommonJS so node runs it without a build).

export interface ManifestProblem {
  /** A fixed code such as "shared-resid", "not-https", "undefined-resid", "namespace". */
  code: string;
  /** One line for a person, with the manifest line number and the actual values. */
  message: string;
}

export interface XmlElement {
  name: string;
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
  parent: XmlElement | null;
}

export declare class XmlSyntaxError extends Error {
  line: number;
}

export declare const EXPECTED: {
  namespace: string;
  permissions: string;
  scriptFile: string;
  metadataFile: string;
  homeTab: string;
};

/** Checks a manifest's XML text; an empty list means it passes. */
export declare function checkManifest(xml: string): ManifestProblem[];

export declare function parseXml(xml: string): XmlElement;
