// vitest globalSetup: the API document, built once for the run and provided to every test file as
// JSON, so that checking answers (answer-conformance.ts) loads none of lib/ in each file.
import type { TestProject } from "vitest/node";
import { type OpenApiDocument, openApiDocument } from "../../lib/openapi/document.ts";

declare module "vitest" {
  export interface ProvidedContext {
    openApiDocument: OpenApiDocument;
  }
}

export function setup(project: TestProject): void {
  project.provide("openApiDocument", openApiDocument());
}
