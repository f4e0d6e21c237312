package quiz

// Message ids of Problems; the Args each one carries are listed beside it
// and in messages(). The texts live in testdata/quiz.<locale>.toml until the
// i18n package takes them over.
const (
	MsgTypeUnknown          = "quiz.type_unknown"           // Args: Type
	MsgStemRequired         = "quiz.stem_required"          //
	MsgPointsInvalid        = "quiz.points_invalid"         // Args: Max
	MsgDifficultyRange      = "quiz.difficulty_range"       // Args: Min, Max
	MsgOptionsTooFew        = "quiz.options_too_few"        // Args: Min; options or targets
	MsgTooManyOptions       = "quiz.too_many_options"       // Args: Max
	MsgOptionKeyInvalid     = "quiz.option_key_invalid"     // Args: Key; not one letter A–H
	MsgTargetKeyInvalid     = "quiz.target_key_invalid"     // Args: Key; not a number 1, 2, …
	MsgDuplicateOptionKey   = "quiz.duplicate_option_key"   // Args: Key; options or targets
	MsgDuplicateOption      = "quiz.duplicate_option"       // Args: Key, First; same text twice
	MsgOptionTextRequired   = "quiz.option_text_required"   // Args: Key; options or targets
	MsgAnswerUnknownOption  = "quiz.answer_unknown_option"  // Args: Key
	MsgAnswerUnknownTarget  = "quiz.answer_unknown_target"  // Args: Key
	MsgSingleNeedsOne       = "quiz.single_needs_one"       //
	MsgMultipleNeedsCorrect = "quiz.multiple_needs_correct" // Args: Min
	MsgTrueFalseAnswer      = "quiz.truefalse_answer"       //
	MsgPartialKindUnknown   = "quiz.partial_kind_unknown"   // Args: Kind
	MsgCustomFractionRange  = "quiz.custom_fraction_range"  // Args: Min, Max
	MsgFillNeedsBlank       = "quiz.fill_needs_blank"       //
	MsgBlankNoAnswer        = "quiz.blank_no_answer"        // Args: N (1-based blank number)
	MsgOrderingMismatch     = "quiz.ordering_mismatch"      //
	MsgMatchingIncomplete   = "quiz.matching_incomplete"    // Args: Key
	MsgCaseNeedsSub         = "quiz.case_needs_sub"         //
	MsgCaseNested           = "quiz.case_nested"            //
	MsgSubIDRequired        = "quiz.sub_id_required"        //
	MsgDuplicateSubID       = "quiz.duplicate_sub_id"       // Args: ID
	MsgCasePointsMismatch   = "quiz.case_points_mismatch"   // Args: Sum
	MsgENUnknownKey         = "quiz.en_unknown_key"         // Args: Key; an English option or target the question lacks
)

// message is one message id and the names of the Args it is given, so
// tests can check that translations use no placeholder that is never set.
type message struct {
	id   string
	args []string
}

func messages() []message {
	return []message{
		{MsgTypeUnknown, []string{"Type"}},
		{MsgStemRequired, nil},
		{MsgPointsInvalid, []string{"Max"}},
		{MsgDifficultyRange, []string{"Min", "Max"}},
		{MsgOptionsTooFew, []string{"Min"}},
		{MsgTooManyOptions, []string{"Max"}},
		{MsgOptionKeyInvalid, []string{"Key"}},
		{MsgTargetKeyInvalid, []string{"Key"}},
		{MsgDuplicateOptionKey, []string{"Key"}},
		{MsgDuplicateOption, []string{"Key", "First"}},
		{MsgOptionTextRequired, []string{"Key"}},
		{MsgAnswerUnknownOption, []string{"Key"}},
		{MsgAnswerUnknownTarget, []string{"Key"}},
		{MsgSingleNeedsOne, nil},
		{MsgMultipleNeedsCorrect, []string{"Min"}},
		{MsgTrueFalseAnswer, nil},
		{MsgPartialKindUnknown, []string{"Kind"}},
		{MsgCustomFractionRange, []string{"Min", "Max"}},
		{MsgFillNeedsBlank, nil},
		{MsgBlankNoAnswer, []string{"N"}},
		{MsgOrderingMismatch, nil},
		{MsgMatchingIncomplete, []string{"Key"}},
		{MsgCaseNeedsSub, nil},
		{MsgCaseNested, nil},
		{MsgSubIDRequired, nil},
		{MsgDuplicateSubID, []string{"ID"}},
		{MsgCasePointsMismatch, []string{"Sum"}},
		{MsgENUnknownKey, []string{"Key"}},
	}
}

// MessageIDs lists every message id a Problem can carry, so the caller can
// check that each has a translation.
func MessageIDs() []string {
	ms := messages()
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.id
	}
	return ids
}
