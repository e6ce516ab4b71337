package main

import (
	"strconv"
	"strings"

	"github.com/saleskit/saleskit/examples/internal/console"
	"github.com/shopspring/decimal"
)

// words are the report's own headings and column names, in each language the
// report speaks. Everything about the sales data itself (stage, level,
// rating and category names, and every explanation) comes from the packages'
// Label and Reason.Text in the chosen language.
var words = map[string]map[string]string{
	"en": {
		"title":        "Sales report 2025",
		"subtitle":     "As of %s, Shanghai time: January to September have passed. Annual target %s CNY. Generated from seed %d.",
		"funnel":       "Sales funnel",
		"funnel.desc":  "The deals of the 2025 pipeline (leads from mid-November 2024 on) by the stages they entered, with the conversion of each step.",
		"funnel.chart": "Sales funnel: deals that entered each stage",
		"stage":        "Stage",
		"entered":      "Entered",
		"conversion":   "Conversion",
		"interval":     "95% interval",
		"amount":       "Amount",
		"bottleneck":   "Bottleneck",
		"to_next":      "to next",
		"risk":         "Risk heat map",
		"risk.desc":    "Open risks of the sales year per cell of the probability and impact matrix, before and after their responses.",
		"inherent":     "Before responses",
		"residual":     "After responses",
		"probability":  "Probability",
		"impact":       "Impact",
		"risk.id":      "Risk",
		"category":     "Category",
		"rating":       "Rating",
		"emv":          "EMV",
		"worth":        "Response worth",
		"reserve":      "Contingency reserve",
		"eliminated":   "avoided",
		"forecast":     "Forecast against target",
		"forecast.desc": "Monthly bookings: the target of each month, the actual bookings to September, " +
			"and for October to December the Monte Carlo simulation of the open pipeline (P10 to P90 band, P50 line) " +
			"and the model the backtest chose.",
		"forecast.chart": "Bookings by month against the monthly target",
		"month":          "Month",
		"target":         "Target",
		"actual":         "Actual",
		"p10":            "P10",
		"p50":            "P50",
		"p90":            "P90",
		"band":           "P10–P90",
		"model":          "Model",
		"progress":       "Target progress",
		"progress.desc":  "Bookings to date against the annual target, for the company and for each rep.",
		"progress.chart": "Attainment of the annual target",
		"company":        "Company",
		"expected":       "Expected",
		"leaderboard":    "Commission leaderboard",
		"leaderboard.desc": "Commission earned from January to September on the won deals, " +
			"ranked by payout; the champion is starred.",
		"leaderboard.chart": "Commission payout by rep",
		"rank":              "Rank",
		"rep":               "Rep",
		"credit":            "Credited revenue",
		"attainment":        "Attainment",
		"payout":            "Payout",
		"footer":            "Drawn by examples/report with the Go standard library from the saleskit packages' results; no scripts, fonts or network resources.",
	},
	"zh-CN": {
		"title":             "2025 年销售报告",
		"subtitle":          "截至北京时间 %s：1 至 9 月已结束。年度销售目标 %s 元。随机种子 %d。",
		"funnel":            "销售漏斗",
		"funnel.desc":       "2025 年销售管道中的商机（自 2024 年 11 月中旬起的销售线索）按进入的阶段统计，以及每一步的转化率。",
		"funnel.chart":      "销售漏斗：进入各阶段的商机数",
		"stage":             "阶段",
		"entered":           "进入数",
		"conversion":        "转化率",
		"interval":          "95% 置信区间",
		"amount":            "金额",
		"bottleneck":        "瓶颈",
		"to_next":           "转入下一阶段",
		"risk":              "风险热力图",
		"risk.desc":         "本销售年度未关闭风险在概率和影响矩阵中的分布，应对前与应对后。",
		"inherent":          "应对前",
		"residual":          "应对后",
		"probability":       "概率",
		"impact":            "影响",
		"risk.id":           "风险",
		"category":          "类别",
		"rating":            "等级",
		"emv":               "预期货币价值",
		"worth":             "应对收益",
		"reserve":           "风险储备金",
		"eliminated":        "已规避",
		"forecast":          "销售预测与目标",
		"forecast.desc":     "每月业绩：各月目标、1 至 9 月实际成交，以及 10 至 12 月在手商机的蒙特卡洛模拟（P10 至 P90 区间与 P50 线）和回测选出的预测模型。",
		"forecast.chart":    "各月业绩与月度目标",
		"month":             "月份",
		"target":            "目标",
		"actual":            "实际",
		"p10":               "P10",
		"p50":               "P50",
		"p90":               "P90",
		"band":              "P10–P90",
		"model":             "模型",
		"progress":          "目标达成进度",
		"progress.desc":     "截至目前的业绩与年度目标对比：公司整体与每位销售。",
		"progress.chart":    "年度目标达成率",
		"company":           "公司",
		"expected":          "应完成",
		"leaderboard":       "佣金排行榜",
		"leaderboard.desc":  "1 至 9 月赢单所得佣金，按应发金额排名；星号为冠军。",
		"leaderboard.chart": "各销售的应发佣金",
		"rank":              "名次",
		"rep":               "销售",
		"credit":            "业绩归属",
		"attainment":        "达成率",
		"payout":            "应发佣金",
		"footer":            "由 examples/report 用 Go 标准库根据 saleskit 各包的计算结果绘制；不含脚本、字体或网络资源。",
	},
}

// word returns the report's own text for key in lang.
func word(lang, key string) string {
	if s, ok := words[lang][key]; ok {
		return s
	}
	return words["en"][key]
}

// money formats an amount for people as the console programs do (thousands
// separators, two decimal places, rounded half away from zero:
// "1,234,567.89"), with a typographic minus sign.
func money(d decimal.Decimal) string {
	s := console.Money(d)
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return "−" + rest
	}
	return s
}

// count formats a whole number with thousands separators.
func count(n int64) string {
	s := strconv.FormatInt(n, 10)
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return "−" + console.Group(rest)
	}
	return console.Group(s)
}

// pct formats a fraction as a percentage with one decimal ("61.5%").
func pct(f float64) string { return strconv.FormatFloat(100*f, 'f', 1, 64) + "%" }

// moneyFloat formats a float64 statistic of money, such as a simulated
// percentile, as money.
func moneyFloat(f float64) string { return money(decimal.NewFromFloat(f)) }

// sep is the colon between a name and what it says, as each language writes it.
func sep(lang string) string {
	if lang == "zh-CN" {
		return "："
	}
	return ": "
}
