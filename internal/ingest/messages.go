package ingest

// Problem is one fault, tied to the row number a person sees in Excel
// (0 for the whole file). Field is a canonical key ("" for the row or
// file); Args fill the message's placeholders: Column (the header as
// written, or the column letter of a headerless file), Value (the cell),
// and others as messages() declares.
type Problem struct {
	Line  int
	Field string
	Msg   string
	Args  map[string]any
}

// Message ids of Problems.
const (
	MsgUnsupportedFormat  = "ingest.unsupported_format"    // legacy .xls or an encrypted workbook
	MsgFileInvalid        = "ingest.file_invalid"          // damaged XLSX or CSV
	MsgEmpty              = "ingest.empty"                 // no row at all
	MsgMissingColumn      = "ingest.missing_column"        // Args: Column (the expected header)
	MsgDuplicateColumn    = "ingest.duplicate_column"      // Args: Column, First (its column letters)
	MsgFieldUnmapped      = "ingest.field_unmapped"        // Field: a required key no column is mapped to
	MsgMappingUnknown     = "ingest.mapping_field_unknown" // Args: Value (a key the kind does not have)
	MsgUnknownPreset      = "ingest.unknown_preset"        // Args: Value
	MsgTooManyRows        = "ingest.too_many_rows"         // Args: Max
	MsgRequiredMissing    = "ingest.required_missing"      // Args: Column
	MsgIDMangled          = "ingest.id_mangled"            // Args: Column, Value (1.23E+18)
	MsgIntInvalid         = "ingest.int_invalid"           // Args: Column, Value
	MsgMoneyInvalid       = "ingest.money_invalid"         // Args: Column, Value
	MsgRatioInvalid       = "ingest.ratio_invalid"         // Args: Column, Value
	MsgTimeInvalid        = "ingest.time_invalid"          // Args: Column, Value
	MsgDateInvalid        = "ingest.date_invalid"          // Args: Column, Value
	MsgSecondsInvalid     = "ingest.seconds_invalid"       // Args: Column, Value
	MsgActionInvalid      = "ingest.action_invalid"        // Args: Column, Value
	MsgPeriodMissing      = "ingest.period_missing"        // a cs row with neither date nor period
	MsgDefaultInvalid     = "ingest.default_invalid"       // Field; Args: Value (a default the caller gave)
	MsgPresetSyntax       = "ingest.preset_syntax"         // Args: File, Detail
	MsgPresetKeyUnknown   = "ingest.preset_key_unknown"    // Args: File, Value (a TOML key)
	MsgPresetValueInvalid = "ingest.preset_value_invalid"  // Args: File, Value; Field: the TOML key
	MsgPresetFieldUnknown = "ingest.preset_field_unknown"  // Args: File, Value (a canonical key)
	MsgPresetRequired     = "ingest.preset_required"       // Args: File, Value (a required key missing)
	MsgPresetAlias        = "ingest.preset_alias_repeated" // Args: File, Value (the alias)
	MsgPresetDuplicate    = "ingest.preset_duplicate"      // Args: File, Value (the id)
)

type message struct {
	id   string
	args []string
}

var rowArgs = []string{"Column", "Value"}

// messages pairs every id with the Args its translations may use; the
// field labels of the mapping screen are messages too.
func messages() []message {
	ms := []message{
		{MsgUnsupportedFormat, nil}, {MsgFileInvalid, nil}, {MsgEmpty, nil},
		{MsgMissingColumn, []string{"Column"}}, {MsgDuplicateColumn, []string{"Column", "First"}},
		{MsgFieldUnmapped, nil}, {MsgMappingUnknown, []string{"Value"}},
		{MsgUnknownPreset, []string{"Value"}}, {MsgTooManyRows, []string{"Max"}},
		{MsgRequiredMissing, []string{"Column"}}, {MsgIDMangled, rowArgs},
		{MsgIntInvalid, rowArgs}, {MsgMoneyInvalid, rowArgs}, {MsgRatioInvalid, rowArgs},
		{MsgTimeInvalid, rowArgs}, {MsgDateInvalid, rowArgs}, {MsgSecondsInvalid, rowArgs},
		{MsgActionInvalid, rowArgs}, {MsgPeriodMissing, nil}, {MsgDefaultInvalid, []string{"Value"}},
		{MsgPresetSyntax, []string{"File", "Detail"}}, {MsgPresetKeyUnknown, []string{"File", "Value"}},
		{MsgPresetValueInvalid, []string{"File", "Value"}}, {MsgPresetFieldUnknown, []string{"File", "Value"}},
		{MsgPresetRequired, []string{"File", "Value"}}, {MsgPresetAlias, []string{"File", "Value"}},
		{MsgPresetDuplicate, []string{"File", "Value"}},
	}
	for _, k := range fieldKeys() {
		ms = append(ms, message{FieldLabel(k), nil})
	}
	for _, k := range Kinds() {
		ms = append(ms, message{KindLabel(k), nil})
	}
	return ms
}

// MessageIDs lists every message id a Problem can carry, plus the field
// and kind labels, so the caller can check each has a translation.
func MessageIDs() []string {
	var ids []string
	for _, m := range messages() {
		ids = append(ids, m.id)
	}
	return ids
}

// FieldLabel is the message id of a canonical field's name, for the
// mapping screen and next to a Problem's Field.
func FieldLabel(key string) string { return "ingest.field." + key }

// KindLabel is the message id of a dataset kind's name.
func KindLabel(k Kind) string { return "ingest.kind." + string(k) }

// fieldKeys lists the canonical keys of all kinds once each.
func fieldKeys() []string {
	seen := map[string]bool{}
	var keys []string
	for _, k := range Kinds() {
		for _, f := range schema[k] {
			if !seen[f.Key] {
				seen[f.Key] = true
				keys = append(keys, f.Key)
			}
		}
	}
	return keys
}

func problem(line int, field, msg string, args map[string]any) Problem {
	return Problem{Line: line, Field: field, Msg: msg, Args: args}
}
