import { z } from 'zod';
import { COMMENT_STATUSES } from '../../comments/comment-repository';
import { reasonCodeSchema } from '../../moderation/reason-codes';
import { PUBLIC_SORTS } from '../../comments/public-list-repository';
import { REPORT_REASONS } from '../../reports/report-schemas';
import { WEBHOOK_EVENTS } from '../../webhooks/events';

/**
 * What the API answers, as zod schemas that the OpenAPI document is generated from (requests are
 * described by the schemas their handlers parse with, in the route files). A schema with an `id`
 * becomes a named component of the document; the others are written out where they are used.
 */

const uuid = z.uuid();
const dateTime = z.iso.datetime();
const count = z.int().min(0);

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable, machine-readable: invalid_request, not_found, rate_limited…' }),
      message: z.string().meta({ description: 'For people; may change' }),
    }),
  })
  .meta({ id: 'Error' });

export const statusSchema = z.enum(COMMENT_STATUSES as [string, ...string[]]).meta({ id: 'Status' });

// The public view: src/comments/public-view.ts.
export const publicCommentSchema = z
  .object({
    id: uuid,
    parentId: uuid.nullable(),
    authorName: z.string(),
    body: z.string(),
    createdAt: dateTime,
    badge: z.string().nullable().meta({
      description: 'A signed-in reader\'s badge from the site\'s token ("Staff", "Subscriber": one of SSO_BADGES); null otherwise',
    }),
    recommendations: count.meta({ description: 'How many readers recommend it' }),
    featured: z.boolean().meta({ description: "An editors' pick: listed first, under every order" }),
  })
  .meta({ id: 'PublicComment' });

export const acceptedSchema = z
  .object({
    id: uuid,
    articleId: z.string(),
    status: z.literal('pending'),
    createdAt: dateTime,
    statusToken: z.string().meta({ description: 'For GET /v1/comments/{id}/status?token=…; the same on an Idempotency-Key replay' }),
  })
  .meta({ id: 'Accepted' });

export const commentPageSchema = z
  .object({
    articleId: z.string(),
    sort: z.enum(PUBLIC_SORTS),
    total: count,
    comments: z.array(publicCommentSchema),
    nextCursor: z.string().nullable().meta({ description: 'null on the last page' }),
  })
  .meta({ id: 'CommentPage' });

export const commenterStatusSchema = z.object({
  id: uuid,
  status: z.enum(['pending', 'approved', 'held', 'not_published']),
});

export const checksSchema = z
  .object({
    spam: z.object({ isSpam: z.boolean(), score: z.number().min(0).max(1), reasons: z.array(z.string()) }),
    profanity: z.object({
      isProfane: z.boolean(),
      terms: z.array(z.string()),
      reasons: z.array(z.string()).optional(),
      inAuthorName: z.array(z.string()).optional().meta({ description: 'the terms found in the author name, when any' }),
      masked: z.array(z.string()).optional().meta({ description: 'masked words as written ("f**k"), which PROFANITY_MASKED decides' }),
    }),
    abuse: z
      .object({ isAbusive: z.boolean(), kinds: z.array(z.enum(['insult', 'threat', 'group'])), reasons: z.array(z.string()) })
      .optional()
      .meta({
        description:
          'insults aimed at a person, threats and attacks on a group, in the body or the author name; hits hold the comment (rule abuse)',
      }),
    authorName: z
      .object({ flagged: z.boolean(), reasons: z.array(z.string()) })
      .optional()
      .meta({
        description: 'links, phone numbers and promotional phrases in the author name (absent on comments checked before it existed)',
      }),
  })
  .meta({ description: 'null until the checks ran, and when they ran past CHECK_BUDGET_MS (rule check-timeout)' });

// Readers take part (issue 20): src/api/reader-routes.ts and src/reports/.
const reportReason = z.enum(REPORT_REASONS);
const reasonCounts = z.record(z.string(), count).meta({ description: 'By reason: spam, abusive, off-topic, misinformation, illegal' });

export const recommendationSchema = z
  .object({
    id: uuid,
    recommendations: count.meta({ description: 'How many readers recommend the comment now' }),
    recommended: z.boolean().meta({ description: "Whether this reader's recommendation stands after the call" }),
  })
  .meta({ id: 'Recommendation' });

export const reportReceiptSchema = z
  .object({
    id: uuid,
    commentId: uuid,
    reason: reportReason,
    receivedAt: dateTime,
    confirmation: z.string().meta({ description: 'What happens next; for a notice, the confirmation of receipt the DSA asks for' }),
  })
  .meta({ id: 'ReportReceipt' });

export const reportSummarySchema = z
  .object({
    open: count.meta({ description: 'Reports no moderator has decided yet' }),
    total: count,
    reasons: reasonCounts.meta({ description: 'The open reports by reason' }),
  })
  .meta({ id: 'ReportSummary', description: "Readers' reports of the comment" });

export const reportSchema = z
  .object({
    id: uuid,
    reason: reportReason,
    explanation: z.string().nullable(),
    createdAt: dateTime,
    notice: z
      .object({ reporterName: z.string().nullable(), hasEmail: z.boolean(), goodFaith: z.boolean(), location: z.string().nullable() })
      .nullable()
      .meta({ description: 'Notices of illegal content only: who sent it (the address on request) and what they stated' }),
    decision: z
      .object({
        resolution: z.enum(['upheld', 'dismissed']),
        by: z.string().nullable(),
        at: dateTime,
        status: z.string().nullable(),
        reason: z.string().nullable(),
      })
      .nullable()
      .meta({
        description: "The moderator's decision that settled the report: upheld (removed) or dismissed (published); null while open",
      }),
  })
  .meta({ id: 'Report' });

export const commentReportsSchema = z.object({ commentId: uuid, reports: z.array(reportSchema) });

export const revealedReporterEmailSchema = z.object({ reportId: uuid, commentId: uuid, reporterEmail: z.email() });

export const reportStatsSchema = z
  .object({
    received: count,
    byReason: reasonCounts,
    upheld: count,
    dismissed: count,
    upheldRate: z.number().nullable().meta({ description: 'upheld / (upheld + dismissed)' }),
    notices: z.object({ received: count, upheld: count, dismissed: count }),
    open: count.meta({ description: 'Reports waiting for a moderator now' }),
    openComments: count.meta({ description: 'The comments those reports are about' }),
  })
  .meta({ id: 'ReportStats' });

export const commentCountsSchema = z.object({
  counts: z.record(z.string(), count).meta({ description: 'Each article asked for, in the order asked; 0 for none' }),
});

// The moderator view: src/moderation/moderator-view.ts.
export const moderatorCommentSchema = publicCommentSchema
  .extend({
    articleId: z.string(),
    authorEmail: z
      .email()
      .nullable()
      .meta({
        description:
          'null when it was encrypted under a SECRET_KEY the server does not have; see authorEmailUnavailable. ' +
          'Left out of answers to a console session.',
      }),
    authorEmailUnavailable: z.string().optional().meta({
      description: 'Present only when authorEmail is null: why, and the fix (SECRET_KEYS_PREVIOUS, then npm run rotate-keys)',
    }),
    status: statusSchema,
    decidedBy: z.string().nullable().meta({ description: '"auto", a moderator\'s name, or null' }),
    decidedAt: dateTime.nullable(),
    checks: checksSchema.nullable(),
    signedIn: z.boolean().meta({ description: 'Posted by a reader signed in to the site (SSO): name and address came from its token' }),
    reports: reportSummarySchema,
  })
  .meta({ id: 'ModeratorComment' });

export const moderationPageSchema = z.object({
  comments: z.array(moderatorCommentSchema),
  nextCursor: z.string().nullable(),
  total: count.meta({ description: 'How many comments match the filter' }),
});

// Moderators as admins manage them (src/moderation/moderator-keys.ts): never a key or its hash.
export const moderatorAccountSchema = z
  .object({
    id: uuid,
    name: z.string(),
    active: z.boolean().meta({ description: 'false once the key is revoked (until a new key is issued)' }),
    createdAt: dateTime,
    keyIssuedAt: dateTime,
    keyLastUsedAt: dateTime.nullable().meta({ description: 'When the current key was last used; updated at most once a minute' }),
    revokedAt: dateTime.nullable(),
  })
  .meta({ id: 'ModeratorAccount' });

export const issuedKeySchema = z
  .object({ id: uuid, name: z.string(), apiKey: z.string().meta({ description: 'Shown only in this answer' }) })
  .meta({ id: 'IssuedKey' });

export const moderatorHistorySchema = moderatorAccountSchema.extend({
  history: z.array(z.object({ action: z.enum(['created', 'key_issued', 'revoked']), by: z.string(), at: dateTime })),
});

export const revealedEmailSchema = z.object({ commentId: uuid, authorEmail: z.email() });

export const authorRecordSchema = z.object({
  commentId: uuid,
  authorName: z.string(),
  byStatus: z.record(z.string(), count),
  others: z.array(
    z.object({
      id: uuid,
      articleId: z.string(),
      body: z.string(),
      status: statusSchema,
      decidedBy: z.string().nullable(),
      createdAt: dateTime,
    }),
  ),
});

export const readinessSchema = z.object({ postgres: z.enum(['up', 'down']), redis: z.enum(['up', 'down']) }).meta({ id: 'Readiness' });

export const surgeSchema = z
  .object({
    articleId: z.string(),
    trigger: z.enum(['volume', 'spam_rate']),
    comments: count.meta({ description: 'Comments in the window when it started' }),
    spamRate: z.number().nullable(),
    startedAt: dateTime,
    until: dateTime.meta({ description: 'Pre-moderation ends by itself then' }),
    active: z.boolean(),
  })
  .meta({ id: 'Surge' });

export const surgeReportSchema = z.object({
  from: dateTime,
  to: dateTime,
  active: z.array(surgeSchema),
  started: count,
  recent: z.array(surgeSchema),
});

// The newsroom's tools (src/api/newsroom-routes.ts).
export const decisionLogSchema = z
  .object({
    commentId: uuid,
    status: statusSchema,
    history: z.array(
      z.object({
        at: dateTime,
        by: z.string().meta({ description: "'auto', a moderator's name, or 'commenter' for the arrival" }),
        from: z.string().nullable(),
        to: z.string(),
        rule: z.string().meta({
          description:
            "The worker's rule (ban, banned-term, spam, profanity, suspect-term, borderline-spam, first-time-link, " +
            "premoderation, trusted, clean, reader-reports), 'moderator', 'intake', or 'editors-pick' (to: featured or unfeatured)",
        }),
        reason: z.string().nullable(),
        reasonCode: reasonCodeSchema.nullable(),
        via: z.string().nullable().meta({ description: "'bulk' or 'ban' when the decision came from those tools" }),
        scores: z.object({ spam: z.number().nullable().optional(), profaneTerms: z.array(z.string()).optional() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'DecisionLog' });

export const bulkResultSchema = z
  .object({
    action: z.string(),
    succeeded: count,
    failed: count,
    results: z.array(
      z.object({ id: z.string(), ok: z.boolean(), status: z.string().optional(), error: errorSchema.shape.error.optional() }),
    ),
  })
  .meta({ id: 'BulkResult' });

const byStatus = z.object({ approved: count, held: count, rejected: count, spam: count });

export const moderationStatsSchema = z
  .object({
    from: dateTime,
    to: dateTime,
    queues: z.object({
      pending: count,
      held: count,
      oldestHeldAgeSeconds: z.number().nullable(),
      oldestPendingAgeSeconds: z.number().nullable(),
    }),
    rules: z.array(
      z.object({
        rule: z.string(),
        decisions: count,
        byStatus,
        reviewed: count.meta({ description: 'Decisions a moderator later acted on' }),
        overturned: count.meta({ description: 'Reviewed decisions whose publish/not-publish outcome the moderator reversed' }),
        overturnRate: z.number().nullable().meta({ description: 'overturned / reviewed' }),
      }),
    ),
    moderators: z.object({
      decisions: count,
      byStatus: z.record(z.string(), count),
      byReasonCode: z.record(z.string(), count),
    }),
    surges: z.object({ active: z.array(surgeSchema), started: count, recent: z.array(surgeSchema) }),
    reports: reportStatsSchema,
  })
  .meta({ id: 'ModerationStats' });

const wordListTermSchema = z.object({ term: z.string(), addedBy: z.string(), addedAt: dateTime }).meta({ id: 'WordListTerm' });

export const wordListsSchema = z
  .object({ version: z.string(), banned: z.array(wordListTermSchema), suspect: z.array(wordListTermSchema) })
  .meta({ id: 'WordLists' });

export const banSchema = z
  .object({
    id: uuid,
    kind: z.enum(['email', 'ip', 'reader']).meta({ description: "`reader`: a signed-in reader, by the site's id for them (SSO `sub`)" }),
    reason: z.string().nullable(),
    reasonCode: reasonCodeSchema.nullable(),
    createdBy: z.string(),
    createdAt: dateTime,
    expiresAt: dateTime.nullable(),
    liftedAt: dateTime.nullable(),
    liftedBy: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Ban' });

export const articleControlsSchema = z
  .object({
    articleId: z.string(),
    closed: z.boolean(),
    closedAt: dateTime.nullable(),
    autoClosesAt: dateTime.nullable(),
    premoderation: z.boolean(),
    premoderationUntil: dateTime.nullable(),
    firstCommentAt: dateTime.nullable(),
  })
  .meta({ id: 'ArticleControls' });

export const watchedArticlesSchema = z.object({
  articles: z.array(
    z.object({
      articleId: z.string(),
      held: count,
      pending: count,
      lastCommentAt: dateTime.nullable(),
      closed: z.boolean(),
      premoderation: z.boolean(),
      premoderationUntil: dateTime.nullable(),
      surgeUntil: dateTime.nullable(),
    }),
  ),
});

export const trustSettingsViewSchema = z
  .object({
    minApproved: z.int().meta({ description: 'In force now' }),
    windowDays: z.int(),
    holdFirstCommentWithLink: z.boolean(),
    defaults: z.record(z.string(), z.unknown()).meta({ description: 'The environment settings, used where the newsroom set none' }),
    overrides: z.record(z.string(), z.unknown()).meta({ description: "The newsroom's own values; null where not set" }),
    updatedBy: z.string().nullable(),
    updatedAt: dateTime.nullable(),
  })
  .meta({ id: 'TrustSettings' });

// Webhooks (src/api/webhook-routes.ts); the signature is described in the README.
export const webhookViewSchema = z
  .object({
    id: uuid,
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    description: z.string().nullable(),
    createdAt: dateTime,
  })
  .meta({ id: 'Webhook' });

export const webhookDeliverySchema = z
  .object({
    id: uuid.meta({ description: 'Also sent as the Sift-Delivery header' }),
    webhookId: uuid,
    eventId: z.string().meta({ description: "The payload's id, as the receiver gets it: the same on every retry and replay" }),
    event: z.enum(WEBHOOK_EVENTS),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: count,
    lastStatusCode: z.int().nullable().optional(),
    lastError: z.string().nullable().optional(),
    replayOf: uuid.nullable().optional(),
    createdAt: dateTime,
    updatedAt: dateTime.optional(),
    deliveredAt: dateTime.nullable().optional(),
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookDeliveryDetailSchema = webhookDeliverySchema.extend({
  payload: z.record(z.string(), z.unknown()).optional(),
  attemptLog: z
    .array(
      z.object({
        attempt: z.int(),
        statusCode: z.int().nullable().optional(),
        error: z.string().nullable().optional(),
        durationMs: z.int().optional(),
        at: dateTime.optional(),
      }),
    )
    .optional(),
});

export const consoleSessionSchema = z
  .object({
    name: z.string(),
    role: z.enum(['admin', 'moderator']),
    expiresAt: dateTime,
  })
  .meta({ id: 'ConsoleSession' });

/** The sign-in answer: the only one that carries the session's CSRF token. */
export const consoleSignInSchema = consoleSessionSchema
  .extend({ csrfToken: z.string().meta({ description: 'Sent back as X-CSRF-Token on every API call of the session' }) })
  .meta({ id: 'ConsoleSignIn' });
