// Request bodies of the 批示 routes. Only their shape is checked here; what the fields must say
// (not blank, not in the future, a positive limit) is the domain's instructionProblems/textProblems.
import { z } from 'zod';

export const issueInstructionBody = z.strictObject({
  targetKind: z.string(),
  targetCode: z.string().max(64, 'must be at most 64 characters'),
  text: z.string(),
  issuedOn: z.string(),
  author: z.string(),
  answerLimit: z.string().max(40, 'must be at most 40 characters').optional(),
});
export type IssueInstructionBody = z.output<typeof issueInstructionBody>;

export const answerInstructionBody = z.strictObject({ text: z.string() });
export type AnswerInstructionBody = z.output<typeof answerInstructionBody>;
