package curriculum

// Message ids of Problems; the Args each one carries are listed beside it
// and in messages(). Problems of questions.yaml keep qbank's and quiz's ids.
const (
	MsgFileMissing        = "curriculum.file_missing"         //
	MsgFrontMatterMissing = "curriculum.front_matter_missing" //
	MsgFrontMatterSyntax  = "curriculum.front_matter_syntax"  // Args: Detail
	MsgEnglishMissing     = "curriculum.english_missing"      // Args: File
	MsgFieldRequired      = "curriculum.field_required"       // Args: Field
	MsgIDInvalid          = "curriculum.id_invalid"           // Args: ID
	MsgIDDuplicate        = "curriculum.id_duplicate"         // Args: ID, First (file)
	MsgValueInvalid       = "curriculum.value_invalid"        // Args: Field, Value, Allowed
	MsgMinutesInvalid     = "curriculum.minutes_invalid"      // Args: Value
	MsgReviewInvalid      = "curriculum.review_invalid"       // Args: Value
	MsgRuleDates          = "curriculum.rule_dates"           // Args: AsOf, Review
	MsgRuleUndated        = "curriculum.rule_undated"         // Args: Figure
	MsgCaseSection        = "curriculum.case_section"         // Args: Section
	MsgSOPUnknown         = "curriculum.sop_unknown"          // Args: ID
	MsgQuestionUnknown    = "curriculum.question_unknown"     // Args: ID
	MsgTooFewCourses      = "curriculum.too_few_courses"      // Args: Have, Want
	MsgTooFewLessons      = "curriculum.too_few_lessons"      // Args: Have, Want
	MsgTooFewSOPs         = "curriculum.too_few_sops"         // Args: Have, Want
	MsgTooFewQuestions    = "curriculum.too_few_questions"    // Args: Have, Want (questions with an explanation)
	MsgTooFewCases        = "curriculum.too_few_cases"        // Args: Have, Want
	MsgTooFewSteps        = "curriculum.too_few_steps"        // Args: Have, Want
	MsgLessonShort        = "curriculum.lesson_short"         // Args: Have, Want
	MsgPathRefUnknown     = "curriculum.path_ref_unknown"     // Args: Ref; not a course, SOP or unit of the pack
	MsgPathItemTwice      = "curriculum.path_item_twice"      // Args: Ref
	MsgPathAfterUnknown   = "curriculum.path_after_unknown"   // Args: Item, After; a prerequisite outside the path
	MsgPathAfterLater     = "curriculum.path_after_later"     // Args: Item, After; a prerequisite in a later stage: unreachable
	MsgPathCycle          = "curriculum.path_cycle"           // Args: Cycle ("a → b → a")
	MsgPathStageEmpty     = "curriculum.path_stage_empty"     // Args: Stage; a stage without items
	MsgStageExamInvalid   = "curriculum.stage_exam_invalid"   // Args: Pass, Minutes
	MsgOnboardingTwice    = "curriculum.onboarding_twice"     // Args: First (file)
	MsgExamQuestion       = "curriculum.exam_question"        // Args: ID; a stage exam's question not in the pack
	MsgCompetencyUnknown  = "curriculum.competency_unknown"   // Args: ID; not in competencies.yaml
	MsgAssetMissing       = "curriculum.asset_missing"        // Args: Link; a relative link or image to no file of the pack
)

type message struct {
	id   string
	args []string
}

func messages() []message {
	return []message{
		{MsgFileMissing, nil},
		{MsgFrontMatterMissing, nil},
		{MsgFrontMatterSyntax, []string{"Detail"}},
		{MsgEnglishMissing, []string{"File"}},
		{MsgFieldRequired, []string{"Field"}},
		{MsgIDInvalid, []string{"ID"}},
		{MsgIDDuplicate, []string{"ID", "First"}},
		{MsgValueInvalid, []string{"Field", "Value", "Allowed"}},
		{MsgMinutesInvalid, []string{"Value"}},
		{MsgReviewInvalid, []string{"Value"}},
		{MsgRuleDates, []string{"AsOf", "Review"}},
		{MsgRuleUndated, []string{"Figure"}},
		{MsgCaseSection, []string{"Section"}},
		{MsgSOPUnknown, []string{"ID"}},
		{MsgQuestionUnknown, []string{"ID"}},
		{MsgTooFewCourses, []string{"Have", "Want"}},
		{MsgTooFewLessons, []string{"Have", "Want"}},
		{MsgTooFewSOPs, []string{"Have", "Want"}},
		{MsgTooFewQuestions, []string{"Have", "Want"}},
		{MsgTooFewCases, []string{"Have", "Want"}},
		{MsgTooFewSteps, []string{"Have", "Want"}},
		{MsgLessonShort, []string{"Have", "Want"}},
		{MsgPathRefUnknown, []string{"Ref"}},
		{MsgPathItemTwice, []string{"Ref"}},
		{MsgPathAfterUnknown, []string{"Item", "After"}},
		{MsgPathAfterLater, []string{"Item", "After"}},
		{MsgPathCycle, []string{"Cycle"}},
		{MsgPathStageEmpty, []string{"Stage"}},
		{MsgStageExamInvalid, []string{"Pass", "Minutes"}},
		{MsgOnboardingTwice, []string{"First"}},
		{MsgExamQuestion, []string{"ID"}},
		{MsgCompetencyUnknown, []string{"ID"}},
		{MsgAssetMissing, []string{"Link"}},
	}
}

// MessageIDs lists every message id of this package's Problems.
func MessageIDs() []string {
	ms := messages()
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.id
	}
	return ids
}
