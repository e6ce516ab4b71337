package funnel

// B2B returns the preset business-to-business opportunity funnel: lead →
// qualified → proposal → negotiation → won, with lost reachable from every
// open stage. Its stages are the sales stages every saleskit preset shares,
// with the same keys, labels and default win probabilities:
//
//	key          en           zh-CN     probability
//	lead         Lead         销售线索   0.10
//	qualified    Qualified    商机确认   0.25
//	proposal     Proposal     方案报价   0.50
//	negotiation  Negotiation  商务谈判   0.75
//	won          Won          赢单       1
//	lost         Lost         输单       0
//
// Each call returns a fresh copy.
func B2B() Stages {
	return Stages{
		{Key: "lead", Labels: labels("Lead", "销售线索"), Probability: 0.10},
		{Key: "qualified", Labels: labels("Qualified", "商机确认"), Probability: 0.25},
		{Key: "proposal", Labels: labels("Proposal", "方案报价"), Probability: 0.50},
		{Key: "negotiation", Labels: labels("Negotiation", "商务谈判"), Probability: 0.75},
		{Key: "won", Labels: labels("Won", "赢单"), Probability: 1, Outcome: Won},
		{Key: "lost", Labels: labels("Lost", "输单"), Outcome: Lost},
	}
}

// Telesales returns the preset telesales call funnel: dialed → connected →
// conversation → appointment → deal, where deal is the won stage. It has no
// lost stage and no default probabilities. Labels are in English ("en") and
// simplified Chinese ("zh-CN"). Each call returns a fresh copy.
func Telesales() Stages {
	return Stages{
		{Key: "dialed", Labels: labels("Dialed", "拨打")},
		{Key: "connected", Labels: labels("Connected", "接通")},
		{Key: "conversation", Labels: labels("Conversation", "有效通话")},
		{Key: "appointment", Labels: labels("Appointment", "邀约成功")},
		{Key: "deal", Labels: labels("Deal", "成交"), Outcome: Won},
	}
}

func labels(en, zh string) Labels {
	return Labels{"en": en, "zh-CN": zh}
}
