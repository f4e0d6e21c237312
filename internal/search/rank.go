package search

import (
	"math"
	"time"
)

// Ranking weights: relevance from the database is scaled by up to 30 % for
// recency (half-life about three months) and up to 30 % for popularity
// (views, saturating). Relevance stays the larger part, so a fresh popular
// document never outranks a much better match.
const (
	recencyWeight    = 0.3
	popularityWeight = 0.3
	recencyDays      = 90.0
	popularViews     = 20.0
)

// Score blends relevance (higher is better, any scale) with the age of the
// document and its view count.
func Score(relevance float64, age time.Duration, views int64) float64 {
	days := math.Max(0, age.Hours()/24)
	recency := recencyDays / (recencyDays + days)
	pop := float64(max(views, 0)) / (float64(max(views, 0)) + popularViews)
	return relevance * (1 + recencyWeight*recency + popularityWeight*pop)
}
