package itemstats

// Random guess scores, as fractions of an item's maximum mark, the way
// Moodle's question types compute them for the statistics report
// (question_type::get_random_guess_score and its overrides).

// TrueFalseGuess is qtype_truefalse's random guess score: one of two.
var TrueFalseGuess = Defined(0.5)

// SingleChoiceGuess is qtype_multichoice's score for a single-answer
// question: the mean of the options' grade fractions, so 1/n for one right
// option among n. Undefined without options.
func SingleChoiceGuess(fractions ...float64) Stat {
	if len(fractions) == 0 {
		return Stat{}
	}
	var sum float64
	for _, f := range fractions {
		sum += f
	}
	return Defined(sum / float64(len(fractions)))
}

// MultiResponseGuess is the score the OU multiple-response type
// (qtype_oumultiresponse) reports when the student is told how many options
// are right: correct/total. Core qtype_multichoice declines to estimate
// multiple-answer questions (it returns null); leave Item.GuessScore
// undefined to match it.
func MultiResponseGuess(correct, total int) Stat {
	if total <= 0 || correct < 0 || correct > total {
		return Stat{}
	}
	return Defined(float64(correct) / float64(total))
}
