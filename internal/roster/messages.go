package roster

// Message ids of Problems. Args keys used: Column (a column key), Value (the
// offending value), First (line of the earlier row), Max (a limit).
const (
	MsgEmpty              = "roster.empty"                 // no non-empty row at all
	MsgUnsupportedFormat  = "roster.unsupported_format"    // legacy .xls or an encrypted workbook
	MsgFileInvalid        = "roster.file_invalid"          // damaged XLSX or CSV
	MsgMissingColumn      = "roster.missing_column"        // Args: Column
	MsgTooManyRows        = "roster.too_many_rows"         // Args: Max
	MsgEmployeeNoRequired = "roster.employee_no_required"  //
	MsgEmployeeNoInvalid  = "roster.employee_no_invalid"   // Args: Value, Max; also for manager and mentor
	MsgDuplicateEmployee  = "roster.duplicate_employee_no" // Args: First
	MsgNameRequired       = "roster.name_required"         //
	MsgTooLong            = "roster.too_long"              // Args: Max (characters)
	MsgMobileInvalid      = "roster.mobile_invalid"        // Args: Value
	MsgDuplicateMobile    = "roster.duplicate_mobile"      // Args: First
	MsgEmailInvalid       = "roster.email_invalid"         // Args: Value
	MsgDuplicateEmail     = "roster.duplicate_email"       // Args: First
	MsgHireDateInvalid    = "roster.hire_date_invalid"     // Args: Value
	MsgStatusInvalid      = "roster.status_invalid"        // Args: Value
	MsgRoleInvalid        = "roster.role_invalid"          // Args: Value (one bad word)
	MsgSelfReference      = "roster.self_reference"        // Field: manager or mentor
)

// MessageIDs lists every message id a Problem can carry, so the caller can
// check that each has a translation.
func MessageIDs() []string {
	return []string{
		MsgEmpty, MsgUnsupportedFormat, MsgFileInvalid, MsgMissingColumn, MsgTooManyRows,
		MsgEmployeeNoRequired, MsgEmployeeNoInvalid, MsgDuplicateEmployee,
		MsgNameRequired, MsgTooLong, MsgMobileInvalid, MsgDuplicateMobile,
		MsgEmailInvalid, MsgDuplicateEmail, MsgHireDateInvalid, MsgStatusInvalid,
		MsgRoleInvalid, MsgSelfReference,
	}
}

func problem(line int, field, msg string, args map[string]any) Problem {
	return Problem{Line: line, Field: field, Msg: msg, Args: args}
}
