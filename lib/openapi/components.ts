// The schemas the API document names: what the routes validate requests with, and what their
// answers are (each answer schema lives with the module that serializes it, checked against its
// TypeScript type there).
import { z } from "zod";
import { sessionStateSchema, signInSchema } from "../access/schema.ts";
import { defaultAnswerSchema } from "../bins/response.ts";
import { createBinSchema, rotateBinSchema, updateBinSchema } from "../bins/schema.ts";
import { binJsonSchema, binListSchema } from "../bins/types.ts";
import { deliveryTimelineSchema } from "../deliveries/types.ts";
import { requestDiffSchema } from "../diff/types.ts";
import { errorBodySchema } from "../errors.ts";
import { harImportAnswerSchema } from "../har/import.ts";
import { harImportSchema } from "../har/parse.ts";
import { healthSchema } from "../health.ts";
import { replayInputSchema } from "../replay/schema.ts";
import { replayAnswerSchema, replaySendSchema, replayTotalsSchema } from "../replay/types.ts";
import { requestPageSchema, requestRecordSchema, requestSummarySchema } from "../requests/types.ts";
import { resendInputSchema } from "../resend/schema.ts";
import { resendItemSchema, resendListSchema } from "../resend/types.ts";
import { rulePreviewSchema } from "../rules/preview.ts";
import { previewInputSchema } from "../rules/preview-service.ts";
import { createShareSchema } from "../shares/schema.ts";
import { sharedBinJsonSchema, shareJsonSchema, shareListSchema } from "../shares/types.ts";
import { savedSecretJsonSchema } from "../signatures/saved.ts";
import { saveSecretInputSchema, verifyInputSchema } from "../signatures/schema.ts";
import { verifyResultSchema } from "../signatures/types.ts";

/** Answers, by component name. */
export const answerSchemas = {
  Error: errorBodySchema,
  Bin: binJsonSchema,
  BinList: binListSchema,
  RequestSummary: requestSummarySchema,
  RequestRecord: requestRecordSchema,
  RequestPage: requestPageSchema,
  ResendAttempt: resendItemSchema,
  ResendList: resendListSchema,
  ReplaySend: replaySendSchema,
  ReplayTotals: replayTotalsSchema,
  ReplayAnswer: replayAnswerSchema,
  VerifyResult: verifyResultSchema,
  RulePreview: rulePreviewSchema,
  SavedSecret: savedSecretJsonSchema,
  SavedSecretList: z.array(savedSecretJsonSchema),
  DeliveryTimeline: deliveryTimelineSchema,
  RequestDiff: requestDiffSchema,
  HarImportAnswer: harImportAnswerSchema,
  Share: shareJsonSchema,
  ShareList: shareListSchema,
  SharedBin: sharedBinJsonSchema,
  Session: sessionStateSchema,
  Health: healthSchema,
  CaptureAnswer: defaultAnswerSchema,
} satisfies Record<string, z.ZodType>;

/** Request bodies, by component name: the very schemas the route handlers pass to readJson. */
export const inputSchemas = {
  CreateBinInput: createBinSchema,
  UpdateBinInput: updateBinSchema,
  RotateBinInput: rotateBinSchema,
  ResendInput: resendInputSchema,
  ReplayInput: replayInputSchema,
  VerifyInput: verifyInputSchema,
  SaveSecretInput: saveSecretInputSchema,
  RulePreviewInput: previewInputSchema,
  HarImportInput: harImportSchema,
  CreateShareInput: createShareSchema,
  SignInInput: signInSchema,
} satisfies Record<string, z.ZodType>;

export type AnswerName = keyof typeof answerSchemas;
export type InputName = keyof typeof inputSchemas;
