package fsrs

// step is where a learning-step rule sends a card: a delay in minutes and
// the step index it moves to. ok is false when the rating leaves the steps,
// so the memory model schedules the card in days instead.
type step struct {
	minutes int
	next    int
	ok      bool
}

// learningStep is ts-fsrs BasicLearningStepsStrategy: the short fixed
// delays a card goes through before (or, after a lapse, on its way back to)
// day-based scheduling.
//
//   - Again goes back to the first step.
//   - Hard repeats the current step, waiting halfway between the first two
//     steps (or 1.5 × the only step).
//   - Good moves to the next step; past the last one it graduates.
//   - Easy always graduates.
//
// A Review card uses the relearning steps, and only for Again. A card whose
// step index is beyond the configured steps (the steps were shortened since)
// graduates on any rating.
func learningStep(learn, relearn []int, state State, cur int, g Rating) step {
	steps := learn
	if state == StateReview || state == StateRelearning {
		steps = relearn
	}
	if len(steps) == 0 || cur >= len(steps) {
		return step{}
	}
	if state == StateReview {
		if g != Again {
			return step{}
		}
		return step{minutes: steps[cur], next: 0, ok: true}
	}
	switch g {
	case Again:
		return step{minutes: steps[0], next: 0, ok: true}
	case Hard:
		return step{minutes: hardStep(steps), next: cur, ok: true}
	case Good:
		if cur+1 < len(steps) {
			return step{minutes: steps[cur+1], next: cur + 1, ok: true}
		}
	}
	return step{}
}

func hardStep(steps []int) int {
	if len(steps) == 1 {
		return int(jsRound(float64(steps[0]) * 1.5))
	}
	return int(jsRound(float64(steps[0]+steps[1]) / 2))
}
