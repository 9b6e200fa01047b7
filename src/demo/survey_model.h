// Survey answers for the demo data: scores for NPS (0-10), CSAT (1-5) and
// CES (1-7, 7 = easiest) that follow the customer's latent satisfaction,
// and the theme of the free-text comment that fits the score.
//
// With no shift the marginal distributions give NPS about +38, CSAT about
// 79% satisfied and a mean CES about 5.2; a bad experience (late delivery,
// refund, support ticket) shifts the answer down. Pure functions of the Rng.
#ifndef TOUCHPOINT_DEMO_SURVEY_MODEL_H_
#define TOUCHPOINT_DEMO_SURVEY_MODEL_H_

#include "demo/comment_templates.h"
#include "demo/demo_event.h"
#include "demo/random.h"

namespace touchpoint::demo {

// A score for `survey` (not kNone). `satisfaction` is the customer's latent
// N(0, 1); `shift` moves this answer (negative after a bad experience).
int SampleScore(Survey survey, double satisfaction, double shift, Rng& rng);

// The comment theme that fits `score`: praise for high scores, mixed for
// middling ones, and for low ones `complaint` when given (the issue the
// customer actually had), else a complaint drawn over the pain points.
CommentTheme ThemeForScore(Survey survey, int score, CommentTheme complaint, Rng& rng);

// A complaint drawn over price, shipping, support wait, bugs, checkout and refunds.
CommentTheme RandomComplaint(Rng& rng);

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_SURVEY_MODEL_H_
