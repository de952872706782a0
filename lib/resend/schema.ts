// Input of POST /api/bins/{key}/requests/{id}/resend, shared by the route handler and forms.
import { z } from "zod";
import { headerPairSchema } from "../bins/response.ts";

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const resendInputSchema = z
  .object({
    url: z.string().min(1, "url is required").max(2048, "url is at most 2048 characters"),
    method: z
      .string()
      .max(32)
      .regex(METHOD, "method must be an HTTP method name such as POST")
      .refine((m) => m.toUpperCase() !== "CONNECT", "CONNECT opens a tunnel and cannot be resent")
      .optional(),
    headers: z.array(headerPairSchema).max(500).optional(),
    body: z.string().optional(),
    bodyBase64: z.string().regex(BASE64, "bodyBase64 must be padded standard base64").optional(),
  })
  .strict()
  .refine((input) => input.body === undefined || input.bodyBase64 === undefined, {
    message: "give body or bodyBase64, not both",
  });

export type ResendInput = z.infer<typeof resendInputSchema>;
