package lifecycle

import (
	"embed"
	"encoding/json"
	"errors"
	"sync"
)

// The preset definitions are data: JSON files embedded in the package. A CRM
// that wants its own variant takes a preset's [Definition.Spec], changes it
// and builds it again.
//
//go:embed presets/*.json
var presetFiles embed.FS

// presetSpec returns a function that decodes an embedded definition's Spec
// once and returns it. The Spec is never handed out or written to: each
// preset call builds a fresh Definition from it, which takes about 11 µs,
// where decoding the JSON again would take about 260 µs
// (BenchmarkSalesProject against BenchmarkDecodeSalesProject). The files are
// part of the package and tested, so a failure is a bug in the package, not
// in the caller's data, and panics.
func presetSpec[S, T ~string](file string) func() Spec[S, T] {
	return sync.OnceValue(func() Spec[S, T] {
		data, err := presetFiles.ReadFile(file)
		if err != nil {
			panic("lifecycle: preset " + file + ": " + err.Error())
		}
		var sp Spec[S, T]
		if err := json.Unmarshal(data, &sp); err != nil {
			panic("lifecycle: preset " + file + ": " + err.Error())
		}
		return sp
	})
}

// preset builds a fresh Definition from a preset's Spec.
func preset[S, T ~string](spec func() Spec[S, T]) *Definition[S, T] {
	sp := spec()
	d, errs := compile(&sp, nil, nil)
	if len(errs) > 0 {
		panic("lifecycle: preset " + sp.Name + ": " + errors.Join(errs...).Error())
	}
	return d
}

// Phase is a state of the [SalesProject] lifecycle.
type Phase string

// The phases of a sales project, in loop order, and its outcomes.
const (
	// PhaseInitiation (项目立项): background, goal and feasibility.
	PhaseInitiation Phase = "initiation"
	// PhaseGoalSetting (目标设定): a SMART sales target, split over time.
	PhaseGoalSetting Phase = "goal_setting"
	// PhaseResourceAllocation (资源配置): team, budget and tools.
	PhaseResourceAllocation Phase = "resource_allocation"
	// PhaseStrategy (策略制定): market analysis and customer strategy.
	PhaseStrategy Phase = "strategy"
	// PhaseExecution (执行过程): carrying out the plan.
	PhaseExecution Phase = "execution"
	// PhaseMonitoring (监控评估): reviews that send the project back to
	// strategy or execution, or on to closing. Leaving it forgets the
	// evaluation (evaluation_done).
	PhaseMonitoring Phase = "monitoring"
	// PhaseClosing (项目收尾): the review report, then the outcome.
	PhaseClosing Phase = "closing"
	// PhaseWon (赢单) is a terminal outcome.
	PhaseWon Phase = "won"
	// PhaseLost (输单) is a terminal outcome.
	PhaseLost Phase = "lost"
	// PhaseAbandoned (已放弃) is a terminal outcome.
	PhaseAbandoned Phase = "abandoned"
)

// ProjectTrigger is a trigger of the [SalesProject] lifecycle.
type ProjectTrigger string

// The triggers of a sales project.
const (
	// ProjectApprove moves initiation to goal setting through the gate
	// initiation-review (background_clarified, goal_defined,
	// feasibility_assessed) and the advisory gate market-research
	// (market_researched).
	ProjectApprove ProjectTrigger = "approve"
	// ProjectSetGoals moves goal setting to resource allocation through the
	// gate goal-check (sales_target, target_smart) and the advisory gate
	// target-split (target_split).
	ProjectSetGoals ProjectTrigger = "set_goals"
	// ProjectAllocate moves resource allocation to strategy through the
	// gate resource-check (team_assigned, budget_assigned,
	// tools_assigned).
	ProjectAllocate ProjectTrigger = "allocate"
	// ProjectLaunch moves strategy to execution through the gates
	// strategy-review (market_analysis, customer_strategy) and
	// approve-to-bid (bid_approved), and the advisory gate
	// competitor-analysis (competitor_analysis).
	ProjectLaunch ProjectTrigger = "launch"
	// ProjectReview moves execution to monitoring.
	ProjectReview ProjectTrigger = "review"
	// ProjectAdjust loops monitoring back to strategy.
	ProjectAdjust ProjectTrigger = "adjust"
	// ProjectContinue loops monitoring back to execution.
	ProjectContinue ProjectTrigger = "continue"
	// ProjectCheckpoint records a checkpoint in monitoring: an internal
	// transition.
	ProjectCheckpoint ProjectTrigger = "checkpoint"
	// ProjectClose moves monitoring to closing through the gate evaluation
	// (evaluation_done).
	ProjectClose ProjectTrigger = "close"
	// ProjectWin closes the project as won, through closing's exit gate
	// closing-review (review_report).
	ProjectWin ProjectTrigger = "win"
	// ProjectLose closes the project as lost, through closing-review.
	ProjectLose ProjectTrigger = "lose"
	// ProjectAbandon abandons the project from any open phase; from
	// closing it passes closing-review.
	ProjectAbandon ProjectTrigger = "abandon"
)

var salesProjectSpec = presetSpec[Phase, ProjectTrigger]("presets/sales_project.json")

// SalesProject returns the sales-project loop (销售项目运作循环):
// initiation → goal setting → resource allocation → strategy → execution →
// monitoring → closing, with monitoring looping back to strategy
// ([ProjectAdjust]) or execution ([ProjectContinue]), and closing ending in
// won, lost or abandoned. Each phase's checklist is a gate on the transition
// that leaves it (see the [ProjectTrigger] constants), with labels in en and
// zh-CN. Monitoring's evaluation (evaluation_done) describes one stay there:
// looping back forgets it. Each call returns a new Definition; build one
// and share it.
func SalesProject() *Definition[Phase, ProjectTrigger] { return preset(salesProjectSpec) }

// DealStage is a state of the [Opportunity] lifecycle.
type DealStage string

// The stages of an opportunity.
const (
	// DealLead (销售线索) is the initial stage.
	DealLead DealStage = "lead"
	// DealQualified (商机确认) is a qualified opportunity.
	DealQualified DealStage = "qualified"
	// DealProposal (方案报价) has a proposal out; leaving it, a revision
	// included, forgets the customer's feedback on it (proposal_feedback).
	DealProposal DealStage = "proposal"
	// DealNegotiation (商务谈判) is in negotiation; entering it passes the
	// entry gate proposal-feedback (proposal_feedback).
	DealNegotiation DealStage = "negotiation"
	// DealWon (赢单) is terminal.
	DealWon DealStage = "won"
	// DealLost (输单) can be reopened; entering it passes the entry gate
	// loss-reason (loss_reason), and the loss reason describes that stay:
	// reopening forgets it.
	DealLost DealStage = "lost"
)

// DealTrigger is a trigger of the [Opportunity] lifecycle.
type DealTrigger string

// The triggers of an opportunity.
const (
	// DealQualify moves lead to qualified through the gate qualification
	// (budget_confirmed, decision_maker, need_identified) and the advisory
	// gate timeline (timeline_known).
	DealQualify DealTrigger = "qualify"
	// DealDisqualify moves a lead to lost.
	DealDisqualify DealTrigger = "disqualify"
	// DealPropose moves qualified to proposal through the gate
	// approve-to-bid (bid_approved).
	DealPropose DealTrigger = "propose"
	// DealRevise re-enters proposal: a self-transition.
	DealRevise DealTrigger = "revise"
	// DealNegotiate moves proposal to negotiation.
	DealNegotiate DealTrigger = "negotiate"
	// DealWin moves negotiation to won through the gate
	// approve-to-contract (contract_approved).
	DealWin DealTrigger = "win"
	// DealLose moves an open opportunity to lost.
	DealLose DealTrigger = "lose"
	// DealReopen moves lost back to qualified.
	DealReopen DealTrigger = "reopen"
)

var opportunitySpec = presetSpec[DealStage, DealTrigger]("presets/opportunity.json")

// Opportunity returns the opportunity lifecycle: lead → qualified →
// proposal → negotiation → won or lost, with lost reopenable, default win
// probabilities and forecast categories per stage, and labels in en and
// zh-CN. Stages, probabilities and forecast categories are those of the
// sales-stage table every saleskit preset shares: lead 0.10 pipeline,
// qualified 0.25 pipeline, proposal 0.50 best case, negotiation 0.75 commit,
// won 1 closed, lost 0 omitted. The proposal feedback describes one stay in
// proposal and the loss reason one stay in lost: revising a proposal or
// reopening a lost deal forgets them. Each call returns a new Definition;
// build one and share it.
func Opportunity() *Definition[DealStage, DealTrigger] { return preset(opportunitySpec) }

// CustomerStage is a state of the [Customer] lifecycle.
type CustomerStage string

// The stages of a customer.
const (
	// CustomerProspect (潜在客户) is the initial stage.
	CustomerProspect CustomerStage = "prospect"
	// CustomerNew (新客户) has placed a first order.
	CustomerNew CustomerStage = "new"
	// CustomerActive (活跃客户) buys again. Leaving it forgets the loyalty
	// criteria.
	CustomerActive CustomerStage = "active"
	// CustomerLoyal (忠诚客户) meets the loyalty criteria.
	CustomerLoyal CustomerStage = "loyal"
	// CustomerAtRisk (风险客户) shows signs of leaving.
	CustomerAtRisk CustomerStage = "at_risk"
	// CustomerChurned (流失客户) has left; entering it passes the entry
	// gate churn-reason (churn_reason). Leaving it forgets the churn reason
	// and the reactivation order.
	CustomerChurned CustomerStage = "churned"
	// CustomerWonBack (赢回客户) came back after churning.
	CustomerWonBack CustomerStage = "won_back"
)

// CustomerTrigger is a trigger of the [Customer] lifecycle.
type CustomerTrigger string

// The triggers of a customer.
const (
	// CustomerConvert moves prospect to new through the gate first-order
	// (first_order).
	CustomerConvert CustomerTrigger = "convert"
	// CustomerActivate moves new (through the gate repeat-order,
	// repeat_order) or won back to active.
	CustomerActivate CustomerTrigger = "activate"
	// CustomerPromote moves active to loyal through the gate loyalty
	// (loyalty_criteria).
	CustomerPromote CustomerTrigger = "promote"
	// CustomerFlagRisk moves new, active, loyal or won back to at risk.
	CustomerFlagRisk CustomerTrigger = "flag_risk"
	// CustomerRecover moves at risk back to active.
	CustomerRecover CustomerTrigger = "recover"
	// CustomerChurn moves at risk to churned.
	CustomerChurn CustomerTrigger = "churn"
	// CustomerWinBack moves churned to won back through the gate
	// reactivation (reactivation_order).
	CustomerWinBack CustomerTrigger = "win_back"
)

var customerSpec = presetSpec[CustomerStage, CustomerTrigger]("presets/customer.json")

// Customer returns the customer lifecycle: prospect → new → active → loyal
// → at risk → churned → won back, with at-risk customers recoverable and
// won-back ones active again, and labels in en and zh-CN. It has no
// terminal state and no default probabilities. The loyalty criteria describe
// one stay in active, and the churn reason and reactivation order one stay
// in churned: a customer at risk must meet the loyalty criteria again, and
// one that churns again must say why again. Each call returns a new
// Definition; build one and share it.
func Customer() *Definition[CustomerStage, CustomerTrigger] { return preset(customerSpec) }

// LeadStatus is a state of the [TelesalesLead] lifecycle.
type LeadStatus string

// The statuses of a telesales lead.
const (
	// LeadNew (新线索) is the initial status.
	LeadNew LeadStatus = "new"
	// LeadContacted (已接通) has been reached by phone.
	LeadContacted LeadStatus = "contacted"
	// LeadInterested (有意向) showed interest.
	LeadInterested LeadStatus = "interested"
	// LeadAppointment (已预约) has an appointment booked. Leaving it
	// forgets the appointment time.
	LeadAppointment LeadStatus = "appointment"
	// LeadConverted (已成交) is terminal and won.
	LeadConverted LeadStatus = "converted"
	// LeadDoNotCall (勿扰) is terminal: the lead asked not to be called.
	LeadDoNotCall LeadStatus = "do_not_call"
)

// LeadTrigger is a trigger of the [TelesalesLead] lifecycle.
type LeadTrigger string

// The triggers of a telesales lead.
const (
	// LeadNoAnswer records an unanswered call on a new lead: an internal
	// transition whose effect schedules a call back.
	LeadNoAnswer LeadTrigger = "no_answer"
	// LeadConnect moves new to contacted.
	LeadConnect LeadTrigger = "connect"
	// LeadShowInterest moves contacted to interested.
	LeadShowInterest LeadTrigger = "show_interest"
	// LeadFollowUp records a follow-up call: an internal transition.
	LeadFollowUp LeadTrigger = "follow_up"
	// LeadBook moves interested to appointment through the gate
	// appointment (appointment_time).
	LeadBook LeadTrigger = "book"
	// LeadNoShow moves appointment back to interested.
	LeadNoShow LeadTrigger = "no_show"
	// LeadConvert moves appointment to converted through the gate order
	// (order_number).
	LeadConvert LeadTrigger = "convert"
	// LeadOptOut moves any open lead to do not call.
	LeadOptOut LeadTrigger = "opt_out"
)

var telesalesLeadSpec = presetSpec[LeadStatus, LeadTrigger]("presets/telesales_lead.json")

// TelesalesLead returns the telesales lead lifecycle: new → contacted →
// interested → appointment → converted, or do not call from any open
// status, with labels in en and zh-CN. The appointment time describes one
// stay in appointment: after a no-show, booking again needs a new time. Each
// call returns a new Definition; build one and share it.
func TelesalesLead() *Definition[LeadStatus, LeadTrigger] { return preset(telesalesLeadSpec) }
