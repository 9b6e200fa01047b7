#include "demo/customer_simulator.h"

#include <algorithm>
#include <cmath>

#include "demo/calendar.h"
#include "demo/random.h"
#include "demo/survey_model.h"

namespace touchpoint::demo {
namespace {

// Click-through rates per impression (the seeds' benchmark bands).
constexpr double kCtrAds = 0.03;
constexpr double kCtrSearch = 0.04;
constexpr double kCtrSocial = 0.01;
constexpr int kMaxImpressionsBeforeClick = 400;
constexpr double kMeanImpressionGapMs = 6.0 * kMsPerHour;

// Sessions.
constexpr int64_t kSessionTimeoutMs = 30 * kMsPerMinute;
constexpr int64_t kMinSessionGapMs = kSessionTimeoutMs + kMsPerMinute;
constexpr double kMeanInSessionGapMs = 40.0 * kMsPerSecond;
constexpr double kWebBounce = 0.47;
constexpr double kAppBounce = 0.15;
constexpr double kMorePagesP = 0.3;  // geometric: mean 2.3 further pages after the second
constexpr uint64_t kMaxPagesPerSession = 25;
constexpr double kAppShareOfSessions = 0.7;  // of an app user's direct sessions
// Returning visits: direct or organic, search, ads, social.
constexpr double kReturningEntryWeights[] = {0.945, 0.03, 0.02, 0.005};
constexpr double kOrganicShare = 0.3;
// UTC hour-of-day weights for session starts.
constexpr double kHourWeights[24] = {1,   0.6, 0.4, 0.3, 0.3, 0.5, 1,   2, 3, 4, 4.5, 4.5,
                                     4.5, 4.5, 4.5, 4.5, 4.5, 5,   5.5, 6, 6, 5, 3.5, 2};

// Signup, activation, subscription.
constexpr double kEmailOptIn = 0.6;
constexpr double kActivationShare = 0.6;
constexpr double kMedianActivationDays = 1.5;
constexpr double kActivationSigma = 1.2;  // P(delay > 7 days) ~ 10%
constexpr double kSubscribeShare = 0.35;
constexpr double kMonthlyChurn = 0.04;
constexpr int32_t kPlanCents[] = {1900, 4900, 9900};
constexpr double kPlanWeights[] = {50, 35, 15};
constexpr double kWebFeatureUse = 0.1;
constexpr double kAppFeatureUse = 0.6;
constexpr double kAppBugTicket = 0.004;

// Buying.
constexpr double kCheckoutAfterCart = 0.55;
constexpr double kPurchaseAfterCheckout = 0.72;
constexpr double kMedianOrderDollars = 45;
constexpr double kOrderSigma = 0.85;
constexpr int32_t kMinOrderCents = 199;
constexpr double kIssueShare = 0.12;
constexpr double kTicketAfterIssue = 0.7;
constexpr double kRefundAfterIssue = 0.35;
constexpr double kRefundWithoutIssue = 0.012;
constexpr double kRefundTicket = 0.3;
constexpr double kIssueScoreShift = -1.3;
constexpr double kHappyScoreShift = 0.15;
constexpr double kBadExperienceNpsShift = -0.3;
constexpr double kTicketEffortShift = -0.3;  // needing support at all makes it feel harder

// Surveys, email, social.
constexpr double kCsatResponse = 0.25;
constexpr double kCesResponse = 0.4;
constexpr double kNpsResponse = 0.3;
constexpr double kCommentShare = 0.4;
constexpr double kNewsletterUnsubscribe = 0.015;
constexpr double kEmailOpen = 0.22;
constexpr double kEmailClickAfterOpen = 0.11;
constexpr double kSocialPostsPerWeek = 0.5;
constexpr double kSocialLike = 0.04;
constexpr double kSocialComment = 0.007;
constexpr double kSocialShare = 0.006;
constexpr int kTuesday = 1;

int64_t Ms(double ms) { return static_cast<int64_t>(ms); }
bool IsProductPage(uint16_t p) { return p >= page::kProductBase && p < page::kBlogBase; }

class Timeline {
 public:
  Timeline(uint32_t customer, uint64_t seed, int64_t acquired, int64_t period_end, const HistoryProfile& profile,
           std::vector<DemoEvent>* out)
      : profile_(profile),
        rng_(seed),
        customer_(customer),
        acquired_(acquired),
        period_end_(period_end),
        out_(out),
        first_event_(out->size()) {}

  CustomerTraits Run() {
    traits_ = DrawTraits(rng_, profile_);
    active_end_ = acquired_ + traits_.lifetime_ms;
    uint8_t camp = campaign::kNone;
    int64_t t = acquired_;
    if (traits_.source != Channel::kWeb) t = ImpressionsForward(traits_.source, acquired_, &camp);
    int64_t last_end = RunSession(t, Channel::kWeb, Landing(traits_.source, camp), camp, true);
    while (!Full()) {
      const double mean_gap = static_cast<double>(kMsPerWeek) / traits_.sessions_per_week;
      const int64_t next = DiurnalAfter(last_end + kMinSessionGapMs + Ms(rng_.Exponential(mean_gap)));
      if (next >= std::min(active_end_, period_end_)) break;
      static constexpr Channel kEntries[] = {Channel::kWeb, Channel::kSearch, Channel::kAds, Channel::kSocial};
      Channel entry = kEntries[rng_.Pick(kReturningEntryWeights)];
      if (entry == Channel::kSocial && !traits_.social_follower) entry = Channel::kWeb;
      camp = campaign::kNone;
      if (entry != Channel::kWeb) ImpressionsBackward(entry, last_end + kSessionTimeoutMs, next, &camp);
      const bool app = entry == Channel::kWeb && traits_.app_user && rng_.Bernoulli(kAppShareOfSessions);
      last_end = RunSession(next, app ? Channel::kApp : Channel::kWeb, app ? page::kAppBase : Landing(entry, camp),
                            camp, true);
    }
    SocialStream();
    EmailStream();
    NpsStream();
    return traits_;
  }

 private:
  // REQUIRES: the returned reference is used before the next Emit.
  DemoEvent& Emit(EventType type, int64_t ts, Channel channel) {
    const uint32_t seq = seq_++;
    if (ts >= period_end_ || Full()) return dropped_;
    DemoEvent& e = out_->emplace_back();
    e.timestamp_ms = ts;
    e.customer = customer_;
    e.seq = seq;
    e.event = type;
    e.channel = channel;
    return e;
  }
  bool Full() const { return out_->size() - first_event_ >= CustomerSimulator::kMaxEventsPerCustomer; }
  uint32_t Next32() { return static_cast<uint32_t>(rng_.Next() >> 32); }

  static double Ctr(Channel channel) {
    if (channel == Channel::kAds) return kCtrAds;
    if (channel == Channel::kSearch) return kCtrSearch;
    return kCtrSocial;
  }

  uint8_t CampaignFor(Channel channel, int64_t ts) {
    if (channel == Channel::kSearch) return rng_.Bernoulli(0.6) ? campaign::kBrandSearch : campaign::kGenericSearch;
    if (channel == Channel::kSocial)
      return rng_.Bernoulli(0.75) ? campaign::kSocialOrganic : campaign::kInfluencerCollab;
    if (cart_abandoned_ && rng_.Bernoulli(0.4)) return campaign::kRetargeting;
    const CivilDate d = DateFromUnixDays(FloorDiv(ts, kMsPerDay));
    const int md = d.month * 100 + d.day;
    if (md >= 315 && md <= 430) return campaign::kSpringSale;
    if (md >= 615 && md <= 731) return campaign::kSummerSale;
    if (md >= 815 && md <= 910) return campaign::kBackToSchool;
    if (md >= 1120 && md <= 1130) return campaign::kBlackFriday;
    if (md >= 1201 && md <= 1224) return campaign::kHolidayGifts;
    return campaign::kProspecting;
  }

  // Impressions from `from` on until one is clicked; returns the landing time.
  int64_t ImpressionsForward(Channel channel, int64_t from, uint8_t* camp) {
    *camp = CampaignFor(channel, from);
    const uint64_t n = std::min<uint64_t>(rng_.Geometric(Ctr(channel)), kMaxImpressionsBeforeClick);
    int64_t t = from;
    for (uint64_t i = 0; i < n; ++i) {
      Emit(EventType::kImpression, t, channel).campaign = *camp;
      t += Ms(rng_.Exponential(kMeanImpressionGapMs));
    }
    Emit(EventType::kClick, t, channel).campaign = *camp;
    return t + kMsPerSecond + static_cast<int64_t>(rng_.Below(3 * kMsPerSecond));
  }

  // The impressions and the click that lead to a visit at `landing`, placed
  // in (earliest, landing), squeezed together when the gap is short.
  void ImpressionsBackward(Channel channel, int64_t earliest, int64_t landing, uint8_t* camp) {
    *camp = CampaignFor(channel, landing);
    const uint64_t n = std::min<uint64_t>(rng_.Geometric(Ctr(channel)), kMaxImpressionsBeforeClick);
    int64_t t = landing - kMsPerSecond - static_cast<int64_t>(rng_.Below(3 * kMsPerSecond));
    Emit(EventType::kClick, t, channel).campaign = *camp;
    const double max_gap = static_cast<double>(std::max<int64_t>(t - earliest, 0)) / static_cast<double>(n + 1);
    for (uint64_t i = 0; i < n; ++i) {
      t -= 1 + Ms(std::min(rng_.Exponential(kMeanImpressionGapMs), max_gap));
      Emit(EventType::kImpression, t, channel).campaign = *camp;
    }
  }

  uint16_t Product() {  // popularity falls with the index
    const double u = rng_.Uniform();
    return static_cast<uint16_t>(page::kProductBase + static_cast<uint16_t>(u * u * page::kProductCount));
  }
  uint16_t Blog() { return static_cast<uint16_t>(page::kBlogBase + rng_.Below(page::kBlogCount)); }

  uint16_t Landing(Channel entry, uint8_t camp) {
    switch (entry) {
      case Channel::kSearch:
        return camp == campaign::kBrandSearch ? page::kHome : Product();
      case Channel::kAds:
        return camp == campaign::kRetargeting ? page::kCart : Product();
      case Channel::kSocial:
        return rng_.Bernoulli(0.5) ? Product() : Blog();
      case Channel::kEmail:
        return rng_.Bernoulli(0.6) ? Product() : (rng_.Bernoulli(0.5) ? Blog() : page::kHome);
      default:
        break;
    }
    if (rng_.Bernoulli(kOrganicShare)) return rng_.Bernoulli(0.5) ? Blog() : Product();
    static constexpr double kDirect[] = {65, 10, 25};  // home, pricing, product
    const size_t k = rng_.Pick(kDirect);
    return k == 0 ? page::kHome : (k == 1 ? page::kPricing : Product());
  }

  uint16_t NextWebPage() {
    // home, pricing, features, product, blog, cart, account, support, search, login
    static constexpr double kWeights[] = {8, 10, 8, 40, 10, 4, 5, 3, 6, 3};
    static constexpr uint16_t kFixed[] = {page::kHome,    page::kPricing, page::kFeatures, 0,           0, page::kCart,
                                          page::kAccount, page::kSupport, page::kSearch,   page::kLogin};
    const size_t k = rng_.Pick(kWeights);
    if (k == 3) return Product();
    if (k == 4) return Blog();
    return kFixed[k];
  }

  Feature AdoptedFeature() {
    if (traits_.feature_mask == 0) return Feature::kNone;
    while (true) {
      const int f = static_cast<int>(rng_.Below(kFeatureCount));
      if (traits_.feature_mask & (1u << f)) return static_cast<Feature>(f + 1);
    }
  }

  // One visit starting at `t`; returns the time of its last event.
  int64_t RunSession(int64_t t, Channel ch, uint16_t landing, uint8_t camp, bool may_retarget) {
    const uint32_t sid = (ch == Channel::kApp && traits_.app_session_ids) ? ++app_sessions_ : 0;
    DemoEvent& first = Emit(EventType::kPageView, t, ch);
    first.page = landing;
    first.campaign = camp;
    first.session = sid;
    if (ch == Channel::kApp && !signed_up_) Signup(t + kMsPerSecond, ch, sid);
    if (rng_.Bernoulli(ch == Channel::kWeb ? kWebBounce : kAppBounce)) return t;
    const uint64_t pages = 1 + std::min(rng_.Geometric(kMorePagesP), kMaxPagesPerSession);
    for (uint64_t i = 0; i < pages && !Full(); ++i) {
      t += kMsPerSecond + Ms(rng_.Exponential(kMeanInSessionGapMs));
      const bool active = activated_ && t >= activated_at_;
      const Feature f = active ? AdoptedFeature() : Feature::kNone;
      uint16_t p;
      if (ch == Channel::kApp) {
        p = f == Feature::kNone ? page::kAppBase : static_cast<uint16_t>(page::kAppBase + static_cast<int>(f));
      } else {
        p = NextWebPage();
      }
      DemoEvent& view = Emit(EventType::kPageView, t, ch);
      view.page = p;
      view.session = sid;
      if (f != Feature::kNone && rng_.Bernoulli(ch == Channel::kApp ? kAppFeatureUse : kWebFeatureUse)) {
        t += 2 * kMsPerSecond + Ms(rng_.Exponential(20.0 * kMsPerSecond));
        DemoEvent& use = Emit(EventType::kFeatureUse, t, ch);
        use.feature = f;
        use.page = static_cast<uint16_t>(page::kAppBase + static_cast<int>(f));
        use.session = sid;
      }
      if (ch == Channel::kApp) {
        if (rng_.Bernoulli(kAppBugTicket)) Ticket(t + Ms(rng_.Exponential(kMsPerHour)), CommentTheme::kBug);
        continue;
      }
      const double signup_p = traits_.signup_propensity * (p == page::kPricing ? 2.0 : 0.5);
      if (!signed_up_ && rng_.Bernoulli(signup_p)) {
        t += 20 * kMsPerSecond + Ms(rng_.Exponential(60.0 * kMsPerSecond));
        Signup(t, ch, sid);
      }
      if (IsProductPage(p) && rng_.Bernoulli(traits_.cart_propensity)) {
        if (CartFlow(&t, p, ch, sid, may_retarget) && rng_.Bernoulli(0.5)) break;
      }
    }
    return t;
  }

  void Signup(int64_t t, Channel ch, uint32_t sid) {
    signed_up_ = true;
    signup_at_ = t;
    DemoEvent& e = Emit(EventType::kSignup, t, ch);
    e.page = page::kSignup;
    e.session = sid;
    email_subscribed_ = rng_.Bernoulli(kEmailOptIn);
    if (!rng_.Bernoulli(kActivationShare)) return;
    activated_ = true;
    activated_at_ = t + Ms(rng_.LogNormal(std::log(kMedianActivationDays * kMsPerDay), kActivationSigma));
    Emit(EventType::kActivation, activated_at_, traits_.app_user ? Channel::kApp : Channel::kWeb);
    if (rng_.Bernoulli(kSubscribeShare)) Subscribe(activated_at_ + Ms(rng_.Exponential(2.0 * kMsPerDay)));
  }

  void Subscribe(int64_t s) {
    DemoEvent& e = Emit(EventType::kSubscriptionStart, s, Channel::kWeb);
    e.page = page::kPricing;
    e.revenue_cents = kPlanCents[rng_.Pick(kPlanWeights)];
    const int64_t months = 1 + static_cast<int64_t>(rng_.Geometric(kMonthlyChurn));
    const int64_t cancel = s + months * 30 * kMsPerDay - static_cast<int64_t>(rng_.Below(2 * kMsPerDay));
    if (cancel < period_end_) {
      Emit(EventType::kSubscriptionCancel, cancel, Channel::kWeb).page = page::kAccount;
      active_end_ = cancel + Ms(rng_.Exponential(10.0 * kMsPerDay));
    } else {
      active_end_ = std::max(active_end_, cancel);
    }
  }

  // add_to_cart, maybe checkout and purchase; true when it was bought.
  bool CartFlow(int64_t* t, uint16_t product, Channel ch, uint32_t sid, bool may_retarget) {
    *t += 3 * kMsPerSecond + Ms(rng_.Exponential(15.0 * kMsPerSecond));
    DemoEvent& cart = Emit(EventType::kAddToCart, *t, ch);
    cart.page = product;
    cart.session = sid;
    if (rng_.Bernoulli(kCheckoutAfterCart)) {
      *t += 5 * kMsPerSecond + Ms(rng_.Exponential(60.0 * kMsPerSecond));
      DemoEvent& checkout = Emit(EventType::kCheckout, *t, ch);
      checkout.page = page::kCheckout;
      checkout.session = sid;
      if (rng_.Bernoulli(kPurchaseAfterCheckout)) {
        *t += 10 * kMsPerSecond + Ms(rng_.Exponential(45.0 * kMsPerSecond));
        const double dollars = rng_.LogNormal(std::log(kMedianOrderDollars), kOrderSigma);
        const int32_t cents = std::max(kMinOrderCents, static_cast<int32_t>(std::lround(dollars * 100)));
        DemoEvent& purchase = Emit(EventType::kPurchase, *t, ch);
        purchase.page = page::kOrderConfirmation;
        purchase.session = sid;
        purchase.revenue_cents = cents;
        AfterPurchase(*t, cents);
        return true;
      }
    }
    cart_abandoned_ = true;
    if (may_retarget) Retarget(*t);
    return false;
  }

  void AfterPurchase(int64_t t, int32_t cents) {
    CommentTheme issue = CommentTheme::kNone;
    if (rng_.Bernoulli(kIssueShare)) {
      static constexpr CommentTheme kIssues[] = {CommentTheme::kShippingDelay, CommentTheme::kCheckoutError,
                                                 CommentTheme::kBug};
      static constexpr double kIssueWeights[] = {55, 20, 25};
      issue = kIssues[rng_.Pick(kIssueWeights)];
      ++bad_experiences_;
      if (rng_.Bernoulli(kTicketAfterIssue)) Ticket(t + kMsPerDay + Ms(rng_.Exponential(3.0 * kMsPerDay)), issue);
      if (rng_.Bernoulli(kRefundAfterIssue)) {
        const int64_t r = t + 3 * kMsPerDay + Ms(rng_.Exponential(7.0 * kMsPerDay));
        Refund(r, cents);
        if (rng_.Bernoulli(kRefundTicket)) {
          Ticket(r + Ms(rng_.Exponential(5.0 * kMsPerDay)), CommentTheme::kRefundProblem);
        }
      }
    } else if (rng_.Bernoulli(kRefundWithoutIssue)) {
      Refund(t + 2 * kMsPerDay + Ms(rng_.Exponential(10.0 * kMsPerDay)), cents);
    }
    if (rng_.Bernoulli(kCsatResponse)) {
      const double shift = issue == CommentTheme::kNone ? kHappyScoreShift : kIssueScoreShift;
      Answer(Survey::kCsat, t + kMsPerDay + Ms(rng_.Exponential(2.0 * kMsPerDay)), shift, issue);
    }
  }

  // Refund rows carry the refunded amount as a positive revenue value.
  void Refund(int64_t t, int32_t cents) {
    DemoEvent& e = Emit(EventType::kRefund, t, Channel::kWeb);
    e.page = page::kAccount;
    e.revenue_cents = cents;
  }

  void Ticket(int64_t t, CommentTheme theme) {
    DemoEvent& e = Emit(EventType::kSupportTicket, t, Channel::kSupport);
    e.page = page::kSupport;
    e.comment = theme;
    e.comment_seed = Next32();
    if (rng_.Bernoulli(kCesResponse)) {
      const CommentTheme complaint = rng_.Bernoulli(0.5) ? CommentTheme::kSupportWait : theme;
      Answer(Survey::kCes, t + 2 * kMsPerHour + Ms(rng_.Exponential(kMsPerDay)), kTicketEffortShift, complaint);
    }
  }

  void Answer(Survey survey, int64_t t, double shift, CommentTheme complaint) {
    const int score = SampleScore(survey, traits_.satisfaction, shift, rng_);
    const bool commented = rng_.Bernoulli(kCommentShare);
    const CommentTheme theme = commented ? ThemeForScore(survey, score, complaint, rng_) : CommentTheme::kNone;
    const uint32_t seed = Next32();
    DemoEvent& e = Emit(EventType::kSurveyResponse, t, Channel::kEmail);
    e.survey = survey;
    e.score = static_cast<int8_t>(score);
    e.comment = theme;
    e.comment_seed = seed;
  }

  void Retarget(int64_t t) {
    const uint64_t n = 2 + std::min<uint64_t>(rng_.Geometric(0.3), 20);
    for (uint64_t i = 0; i < n; ++i) {
      t += Ms(rng_.Exponential(static_cast<double>(kMsPerDay)));
      Emit(EventType::kImpression, t, Channel::kAds).campaign = campaign::kRetargeting;
      if (!rng_.Bernoulli(kCtrAds)) continue;
      t += 2 * kMsPerSecond + Ms(rng_.Exponential(20.0 * kMsPerSecond));
      Emit(EventType::kClick, t, Channel::kAds).campaign = campaign::kRetargeting;
      RunSession(t + 2 * kMsPerSecond, Channel::kWeb, page::kCart, campaign::kRetargeting, false);
      return;
    }
  }

  int64_t DiurnalAfter(int64_t earliest) {
    const int64_t day = FloorDiv(earliest, kMsPerDay) * kMsPerDay;
    int64_t t =
        day + static_cast<int64_t>(rng_.Pick(kHourWeights)) * kMsPerHour + static_cast<int64_t>(rng_.Below(kMsPerHour));
    return t < earliest ? t + kMsPerDay : t;
  }

  void SocialStream() {
    if (!traits_.social_follower) return;
    const int64_t end = std::min(period_end_, std::max(active_end_, acquired_) + 30 * kMsPerDay);
    const double mean_gap = static_cast<double>(kMsPerWeek) / kSocialPostsPerWeek;
    for (int64_t t = acquired_ + Ms(rng_.Exponential(mean_gap)); t < end && !Full();
         t += Ms(rng_.Exponential(mean_gap))) {
      const uint8_t camp = CampaignFor(Channel::kSocial, t);
      Emit(EventType::kImpression, t, Channel::kSocial).campaign = camp;
      const double u = rng_.Uniform();
      const int64_t react = t + Ms(rng_.Exponential(20.0 * kMsPerMinute));
      if (u < kSocialLike) {
        Emit(EventType::kLike, react, Channel::kSocial).campaign = camp;
      } else if (u < kSocialLike + kSocialComment) {
        DemoEvent& e = Emit(EventType::kComment, react, Channel::kSocial);
        e.campaign = camp;
        e.comment = CommentTheme::kSocialChatter;
        e.comment_seed = Next32();
      } else if (u < kSocialLike + kSocialComment + kSocialShare) {
        Emit(EventType::kShare, react, Channel::kSocial).campaign = camp;
      }
      if (rng_.Bernoulli(kCtrSocial)) {
        const int64_t click = t + Ms(rng_.Exponential(10.0 * kMsPerMinute));
        Emit(EventType::kClick, click, Channel::kSocial).campaign = camp;
        RunSession(click + 2 * kMsPerSecond, Channel::kWeb, Landing(Channel::kSocial, camp), camp, false);
      }
    }
  }

  void EmailStream() {
    if (!signed_up_ || !email_subscribed_) return;
    const int64_t end = std::min(period_end_, std::max(active_end_, signup_at_) + 60 * kMsPerDay);
    const int64_t jitter = static_cast<int64_t>(rng_.Below(3 * kMsPerHour));
    int64_t day = FloorDiv(signup_at_, kMsPerDay) + 1;
    while (Weekday(day) != kTuesday) ++day;
    for (int64_t t = day * kMsPerDay + 9 * kMsPerHour + jitter; t < end && !Full(); t += kMsPerWeek) {
      if (rng_.Bernoulli(kNewsletterUnsubscribe)) return;
      const int week = DayOfYear(DateFromUnixDays(FloorDiv(t, kMsPerDay))) / 7 + 1;
      const auto camp = static_cast<uint8_t>(campaign::kNewsletterBase + week - 1);
      Emit(EventType::kEmailSent, t, Channel::kEmail).campaign = camp;
      if (!rng_.Bernoulli(kEmailOpen)) continue;
      const int64_t open = t + Ms(rng_.Exponential(5.0 * kMsPerHour));
      Emit(EventType::kEmailOpen, open, Channel::kEmail).campaign = camp;
      if (!rng_.Bernoulli(kEmailClickAfterOpen)) continue;
      const int64_t click = open + 5 * kMsPerSecond + Ms(rng_.Exponential(2.0 * kMsPerMinute));
      Emit(EventType::kEmailClick, click, Channel::kEmail).campaign = camp;
      RunSession(click + 2 * kMsPerSecond, Channel::kWeb, Landing(Channel::kEmail, camp), camp, false);
    }
  }

  void NpsStream() {
    if (!signed_up_) return;
    const int64_t end = std::min(period_end_, std::max(active_end_, signup_at_) + 60 * kMsPerDay);
    for (int64_t t = signup_at_ + 30 * kMsPerDay + Ms(rng_.Exponential(20.0 * kMsPerDay)); t < end && !Full();
         t += 80 * kMsPerDay + static_cast<int64_t>(rng_.Below(20 * kMsPerDay))) {
      if (rng_.Bernoulli(kNpsResponse)) {
        Answer(Survey::kNps, t, kBadExperienceNpsShift * bad_experiences_, CommentTheme::kNone);
      }
    }
  }

  const HistoryProfile& profile_;
  Rng rng_;
  uint32_t customer_;
  int64_t acquired_;
  int64_t period_end_;
  std::vector<DemoEvent>* out_;
  size_t first_event_;
  CustomerTraits traits_;
  DemoEvent dropped_;  // target of writes to events past the period end
  uint32_t seq_ = 0;
  uint32_t app_sessions_ = 0;
  int64_t active_end_ = 0;
  bool signed_up_ = false;
  int64_t signup_at_ = 0;
  bool activated_ = false;
  int64_t activated_at_ = 0;
  bool email_subscribed_ = false;
  bool cart_abandoned_ = false;
  int bad_experiences_ = 0;
};

}  // namespace

CustomerTraits CustomerSimulator::Simulate(uint32_t customer, uint64_t customer_seed, int64_t acquired_ms,
                                           std::vector<DemoEvent>* out) const {
  Timeline timeline(customer, customer_seed, acquired_ms, period_end_ms_, profile_, out);
  return timeline.Run();
}

}  // namespace touchpoint::demo
