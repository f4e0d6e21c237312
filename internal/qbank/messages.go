package qbank

// Message ids of Problems; the Args each one carries are listed beside it
// and in messages(). Problems found by quiz.Question.Validate keep quiz's
// own ids (quiz.MessageIDs).
const (
	// The whole file.
	MsgEmpty             = "qbank.empty"              //
	MsgUnsupportedFormat = "qbank.unsupported_format" // legacy .xls or an encrypted workbook
	MsgFileInvalid       = "qbank.file_invalid"       // damaged XLSX or CSV
	MsgMissingColumn     = "qbank.missing_column"     // Args: Column (key), Name ("题型 / Type")
	MsgTooManyRows       = "qbank.too_many_rows"      // Args: Max

	// One question, in either format.
	MsgTypeRequired       = "qbank.type_required"        //
	MsgCaseInSheet        = "qbank.case_in_sheet"        // case analysis in a spreadsheet
	MsgFieldUnused        = "qbank.field_unused"         // Args: Type (as written)
	MsgAnswerKeysInvalid  = "qbank.answer_keys_invalid"  // Args: Value
	MsgPairFormat         = "qbank.pair_format"          // Args: Key; matching cell without 左=右
	MsgPointsNotNumber    = "qbank.points_not_number"    // Args: Value
	MsgDifficultyInvalid  = "qbank.difficulty_invalid"   // Args: Value
	MsgPartialInvalid     = "qbank.partial_invalid"      // Args: Value
	MsgBlankCountMismatch = "qbank.blank_count_mismatch" // Args: Blanks (in the stem), Answers
	MsgDuplicateID        = "qbank.duplicate_id"         // Args: ID, First (line)

	// YAML only.
	MsgYAMLSyntax       = "qbank.yaml_syntax"        // Args: Detail (the parser's English text)
	MsgYAMLWantMapping  = "qbank.yaml_want_mapping"  //
	MsgYAMLWantList     = "qbank.yaml_want_list"     //
	MsgYAMLWantText     = "qbank.yaml_want_text"     //
	MsgYAMLUnknownField = "qbank.yaml_unknown_field" // Args: Field
	MsgYAMLDuplicateKey = "qbank.yaml_duplicate_key" // Args: Key
	MsgYAMLAlias        = "qbank.yaml_alias"         // anchors and aliases are refused
)

// message is one message id and the names of the Args it is given, so
// tests can check that translations use no placeholder that is never set.
type message struct {
	id   string
	args []string
}

func messages() []message {
	return []message{
		{MsgEmpty, nil},
		{MsgUnsupportedFormat, nil},
		{MsgFileInvalid, nil},
		{MsgMissingColumn, []string{"Column", "Name"}},
		{MsgTooManyRows, []string{"Max"}},
		{MsgTypeRequired, nil},
		{MsgCaseInSheet, nil},
		{MsgFieldUnused, []string{"Type"}},
		{MsgAnswerKeysInvalid, []string{"Value"}},
		{MsgPairFormat, []string{"Key"}},
		{MsgPointsNotNumber, []string{"Value"}},
		{MsgDifficultyInvalid, []string{"Value"}},
		{MsgPartialInvalid, []string{"Value"}},
		{MsgBlankCountMismatch, []string{"Blanks", "Answers"}},
		{MsgDuplicateID, []string{"ID", "First"}},
		{MsgYAMLSyntax, []string{"Detail"}},
		{MsgYAMLWantMapping, nil},
		{MsgYAMLWantList, nil},
		{MsgYAMLWantText, nil},
		{MsgYAMLUnknownField, []string{"Field"}},
		{MsgYAMLDuplicateKey, []string{"Key"}},
		{MsgYAMLAlias, nil},
	}
}

// MessageIDs lists every qbank.* message id a Problem can carry, so the
// caller can check that each has a translation. Problems may also carry
// quiz.MessageIDs.
func MessageIDs() []string {
	ms := messages()
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.id
	}
	return ids
}
