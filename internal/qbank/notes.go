package qbank

// notes are the rows of the template's 说明 sheet: column, required,
// Chinese and English explanation. They describe what Parse accepts, so
// change them together.
func notes() [][]string {
	return [][]string{
		{"列 Column", "必填 Required", "说明", "Notes"},
		{"题型", "是 Yes",
			"单选、多选、判断、填空、排序、匹配（连线）、简答（问答）；写“单选题”“多选题”等也可以。案例分析题一行放不下，请用 YAML 题库文件导入。",
			"single, multiple, truefalse, fill, ordering, matching, short (or the Chinese names). Case analyses do not fit in one row: import them as a YAML bank file."},
		{"题干", "是 Yes",
			"题目内容，可多行，支持 Markdown。填空题用 ____（三个以上下划线）或（ ）标出每个空。",
			"The question, Markdown, may span lines. In fill questions mark each blank with ____ (three or more underscores) or （ ）."},
		{"选项A … 选项H", "视题型 By type",
			"单选、多选、排序：每列一个选项，排序题的选项可以打乱顺序填写。匹配：每列写“左侧内容=右侧内容”。判断：可留空，或在选项A、选项B写“对”“错”的显示文字（如 正确/错误）。填空、简答：留空。",
			"Single, multiple, ordering: one option per column; ordering items in any order. Matching: \"left=right\" per column. True/false: empty, or the labels for true and false in A and B. Fill, short: empty."},
		{"答案", "是 Yes",
			"单选：B。多选：ACD、A,C,D 或 A、C、D。判断：对/错、正确/错误、√/×、T/F、是/否。填空：每空用 | 分隔，同一空的多个可接受答案用 / 分隔，如 3分钟/三分钟|85%。排序：按正确顺序写选项字母，如 BADC。匹配：可留空；如需干扰项或固定右侧顺序，按顺序写出全部右侧内容，用 | 分隔。简答：评分要点（参考答案）。",
			"Single: B. Multiple: ACD, A,C,D or A、C、D. True/false: 对/错, T/F, true/false, √/×. Fill: blanks separated by |, accepted answers of one blank by /, e.g. 3分钟/三分钟|85%. Ordering: the letters in the right order, e.g. BADC. Matching: may be empty; to add distractors or fix the order of the right side, list every right-side item separated by |. Short: the grading rubric."},
		{"分值", "是 Yes", "大于 0 的数字，可带小数，如 2 或 1.5；全角数字也可以。", "A number above 0, e.g. 2 or 1.5; full-width digits are fine."},
		{"解析", "否 No", "答题后展示的解析，可多行，支持 Markdown。", "Explanation shown after release; Markdown, may span lines."},
		{"难度", "否 No", "1–5，或 易、较易、中、较难、难；留空按 3（中）。", "1–5, or 易/较易/中/较难/难 (easy … hard); empty means 3."},
		{"标签", "否 No",
			"用逗号、分号、顿号或空格分隔，如 module:售后 platform:tmall 退款。",
			"Separated by commas, semicolons, 、 or spaces, e.g. module:售后 platform:tmall 退款."},
		{"多选计分", "否 No",
			"仅多选题：全对得分、少选得一半、按比例，或 自定义:少选得0.5,每错一项扣0.25；留空为全对得分。",
			"Multiple only: exact, subset_half, proportional, or custom: subset 0.5, penalty 0.25; empty means exact."},
		{"编号", "否 No", "题目编号；导出的文件带有编号，改完再导入时用来对应原题。文件内不可重复。", "Question id; exports carry it so a re-import updates the same questions. Unique in the file."},
		{},
		{"提示", "",
			"表头可以不在第一行，但要在前 10 行内；空行会跳过。答案或选项里要写 | / = 本身时，在前面加 \\，如 1\\/2。请在导入前删除示例行。",
			"The header must be within the first 10 rows; blank rows are skipped. To write | / = themselves in answers or matching cells, put a \\ before them, e.g. 1\\/2. Delete the example rows before importing."},
	}
}
