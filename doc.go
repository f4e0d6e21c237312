// Package shopdojo holds ShopDojo's domain: entity types, enums, the closed
// set of error kinds and the permission table. It imports nothing internal,
// so every other package can depend on it.
package shopdojo
