package forecast

import (
	"maps"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Reason codes. Each is stable: a UI may key its own translations on it.
const (
	// CodeOptimised: a model's parameters (and, when estimated, its
	// initial states) were found by minimising the SSE of the one-step
	// errors. Cites numbers sse, evaluations and starts.
	CodeOptimised = "optimised"
	// CodeSimpleInitialStates: the series was too short for the heuristic
	// initial states, so the simple ones were used. Cites numbers
	// observations and needed.
	CodeSimpleInitialStates = "simple_initial_states"
	// CodeNoIntervals: the model defines no prediction intervals. Cites
	// text model.
	CodeNoIntervals = "no_intervals"
	// CodeBlendClosed: the part of a blended forecast already won. Cites
	// amount amount.
	CodeBlendClosed = "blend_closed"
	// CodeBlendPipeline: the part the open pipeline is expected to bring,
	// weighted. Cites amount amount.
	CodeBlendPipeline = "blend_pipeline"
	// CodeBlendRunRate: the part not yet in the pipeline, from the
	// run-rate model. Cites amount amount, numbers forecast (a whole
	// period's) and remaining (a fraction), text model.
	CodeBlendRunRate = "blend_run_rate"
	// CodeRunRateNegative: the run-rate model forecasts below zero, so the
	// run-rate part is zero. Cites what CodeBlendRunRate cites.
	CodeRunRateNegative = "run_rate_negative"
	// CodeRolledUp: a unit's number is its own deals plus its team's.
	// Cites amounts amount, own and team, texts unit and category.
	CodeRolledUp = "rolled_up"
	// CodeAdjusted: a unit's number was set by an adjustment. Cites
	// amounts amount and computed, texts unit, category and by.
	CodeAdjusted = "adjusted"
	// CodeWinScore: a deal's win probability, learnt from its team's
	// closed deals. Cites numbers probability, won, lost (closed deals
	// counted) and fields (field values used), texts stage and team.
	CodeWinScore = "win_score"
	// CodeWinScoreAllTeams: as CodeWinScore, learnt from the closed deals
	// of all teams together, the deal having no team or one with no
	// closed deals.
	CodeWinScoreAllTeams = "win_score_all_teams"
	// CodeManualProbability: a deal's manual probability is kept over the
	// model's. Cites numbers override and probability (the model's), and
	// what CodeWinScore cites.
	CodeManualProbability = "manual_probability"
	// CodeQuotaChance: how often the simulated bookings reached the quota.
	// Cites amount quota, numbers hit (a fraction), trials, mean, p10 and
	// p90.
	CodeQuotaChance = "quota_chance"
	// CodeBestBacktest: Auto chose the model with the lowest backtest
	// error. Cites texts model, metric and runner_up, numbers score,
	// runner_up_score, forecasts, origins and candidates.
	CodeBestBacktest = "best_backtest"
	// CodeOnlyCandidate: Auto chose the only model it could backtest.
	// Cites texts model and metric, numbers score, forecasts and origins.
	CodeOnlyCandidate = "only_candidate"
	// CodeCandidateSkipped: Auto left a model out. Cites texts model and
	// error.
	CodeCandidateSkipped = "candidate_skipped"
	// CodeZeroActuals: MAPE left out the points whose actual is zero.
	// Cites numbers zero and n.
	CodeZeroActuals = "zero_actuals"
	// CodeMaseNoTraining: MASE is absent: there is no training series
	// longer than the lag to scale by. Cites number lag.
	CodeMaseNoTraining = "mase_no_training"
	// CodeMaseZeroScale: MASE is absent: the training series' naive
	// errors are all zero. Cites number lag.
	CodeMaseZeroScale = "mase_zero_scale"
)

// reasonTexts holds each code's sentence in English and in simplified
// Chinese. {name} cites a value by name; {name:%} shows a fraction as a
// percentage.
var reasonTexts = map[string][2]string{
	CodeOptimised: {
		"parameters chosen to minimise the squared one-step errors (SSE {sse}) in {evaluations} evaluations from {starts} starting points",
		"参数按一步预测误差平方和最小选取（SSE {sse}），自 {starts} 个起点共计算 {evaluations} 次",
	},
	CodeZeroActuals: {
		"MAPE leaves out {zero} of {n} points whose actual is zero",
		"MAPE 未计入 {n} 个点中实际值为零的 {zero} 个",
	},
	CodeMaseNoTraining: {
		"MASE is left out: no training series longer than the lag {lag} to scale by",
		"未计算 MASE：没有长于滞后 {lag} 的训练序列作为尺度",
	},
	CodeMaseZeroScale: {
		"MASE is left out: the training series' lag-{lag} naive errors are all zero",
		"未计算 MASE：训练序列滞后 {lag} 的朴素误差全为零",
	},
	CodeBestBacktest: {
		"{model} has the lowest backtest {metric}, {score}, over {forecasts} forecasts from {origins} origins; the next best of {candidates}, {runner_up}, has {runner_up_score}",
		"{model} 的回测 {metric} 最低，为 {score}（{origins} 个起点共 {forecasts} 个预测）；{candidates} 个候选中次优的 {runner_up} 为 {runner_up_score}",
	},
	CodeOnlyCandidate: {
		"{model} is the only model that could be backtested: {metric} {score} over {forecasts} forecasts from {origins} origins",
		"只有 {model} 能完成回测：{origins} 个起点共 {forecasts} 个预测，{metric} 为 {score}",
	},
	CodeCandidateSkipped: {
		"{model} was not compared: {error}",
		"{model} 未参与比较：{error}",
	},
	CodeQuotaChance: {
		"{hit:%} of {trials} simulated outcomes reach the quota {quota}; mean {mean}, 80% between {p10} and {p90}",
		"{trials} 次模拟中有 {hit:%} 达到指标 {quota}；均值 {mean}，80% 落在 {p10} 至 {p90} 之间",
	},
	CodeWinScore: {
		"win probability {probability:%} at stage {stage}, learnt from {won} won and {lost} lost deals of team {team}",
		"阶段 {stage} 的赢单概率为 {probability:%}，依据团队 {team} 的 {won} 个赢单和 {lost} 个输单",
	},
	CodeWinScoreAllTeams: {
		"win probability {probability:%} at stage {stage}, learnt from {won} won and {lost} lost deals of all teams together",
		"阶段 {stage} 的赢单概率为 {probability:%}，依据所有团队合计的 {won} 个赢单和 {lost} 个输单",
	},
	CodeManualProbability: {
		"manual probability {override:%} kept; the model says {probability:%}",
		"保留手动设定的概率 {override:%}；模型给出 {probability:%}",
	},
	CodeRolledUp: {
		"{unit} {category}: {amount}, {own} of its own and {team} from its team",
		"{unit} 的 {category}：{amount}，其中自身 {own}，下属团队 {team}",
	},
	CodeAdjusted: {
		"{by} set {unit}'s {category} to {amount}; the deals say {computed}",
		"{by} 将 {unit} 的 {category} 调整为 {amount}；按商机计算为 {computed}",
	},
	CodeBlendClosed: {
		"{amount} already won",
		"已赢单 {amount}",
	},
	CodeBlendPipeline: {
		"{amount} expected from the open pipeline, weighted by win probability",
		"按赢单概率加权，在途商机预计带来 {amount}",
	},
	CodeBlendRunRate: {
		"{amount} expected from business not yet in the pipeline: {model} forecasts {forecast} a period, {remaining:%} of which is still to come",
		"尚未进入管道的业务预计 {amount}：{model} 预测每期 {forecast}，本期尚余 {remaining:%}",
	},
	CodeRunRateNegative: {
		"no business expected beyond the pipeline: {model} forecasts {forecast} a period, below zero",
		"预计没有管道之外的业务：{model} 预测每期 {forecast}，低于零",
	},
	CodeNoIntervals: {
		"{model} defines no prediction intervals",
		"{model} 模型没有预测区间",
	},
	CodeSimpleInitialStates: {
		"{observations} observations are fewer than the {needed} the heuristic initial states need; the simple ones were used",
		"观测值 {observations} 个，少于启发式初始状态所需的 {needed} 个，改用简单初始状态",
	},
}

// Reason explains a result: a stable snake_case Code, the values the
// explanation cites, and the sentence itself in English (String) or another
// language (Text). Exact quantities (money, counts held as decimals,
// fractions of money) are in Amounts; statistics (rates, paces,
// probabilities, counts) in Numbers, always finite; names, keys and dates in
// Texts. The zero Reason has no code and says nothing.
type Reason struct {
	Code    string                     `json:"code"`
	Amounts map[string]decimal.Decimal `json:"amounts,omitempty"`
	Numbers map[string]float64         `json:"numbers,omitempty"`
	Texts   map[string]string          `json:"texts,omitempty"`
}

// String returns the English sentence, as Text("en") does.
func (r Reason) String() string { return r.Text("en") }

// Text returns the sentence in lang, chosen as Labels.Get chooses: English
// and simplified Chinese ("zh-CN") are available, and any other language
// gets English. A code the package does not know is returned as it is; a
// value the sentence cites but r lacks shows as "?".
func (r Reason) Text(lang string) string {
	t, ok := reasonTexts[r.Code]
	if !ok {
		return r.Code
	}
	tmpl := Labels{"en": t[0], "zh-CN": t[1]}.Get(lang)
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		name, format, _ := strings.Cut(tmpl[i+1:i+j], ":")
		b.WriteString(r.cite(name, format == "%"))
		tmpl = tmpl[i+j+1:]
	}
}

// cite formats the value named name: amounts exactly with thousands
// separators, numbers to at most two decimals, either as a percentage when
// percent is set.
func (r Reason) cite(name string, percent bool) string {
	if d, ok := r.Amounts[name]; ok {
		if percent {
			return formatAmount(d.Shift(2).Round(2)) + "%"
		}
		return formatAmount(d)
	}
	if f, ok := r.Numbers[name]; ok {
		if percent {
			f *= 100
		}
		s := formatNumber(f)
		if percent {
			s += "%"
		}
		return s
	}
	if s, ok := r.Texts[name]; ok {
		return s
	}
	return "?"
}

// Equal reports whether r and s have the same code and values, comparing
// amounts by value.
func (r Reason) Equal(s Reason) bool {
	return r.Code == s.Code && maps.Equal(r.Numbers, s.Numbers) && maps.Equal(r.Texts, s.Texts) &&
		maps.EqualFunc(r.Amounts, s.Amounts, decimal.Decimal.Equal)
}

// formatAmount writes d exactly, with thousands separators: 18000000 →
// "18,000,000", -1234.5 → "-1,234.5".
func formatAmount(d decimal.Decimal) string { return formatDigits(d.String()) }

// formatDigits adds thousands separators to a decimal's digits.
func formatDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i := 0; i < len(whole); i++ {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// formatNumber writes f to at most two decimal places, with thousands
// separators: 20000 → "20,000", 7672288.244 → "7,672,288.24".
func formatNumber(f float64) string {
	return formatDigits(strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64))
}
