// The backup of rule-level config isolation: the raw JSON of the last rule that parsed, per match conditions.
// One store per VM, like Go's package-level map, so it outlives a plugin reconfiguration within the VM.

// @ts-ignore: decorator
@lazy const backups = new Map<string, string>();

/** Remembers `ruleJson` as the last good config of the rule with this hash key. */
export function storeRuleBackup(hashKey: string, ruleJson: string): void {
  backups.set(hashKey, ruleJson);
}

/** The last good JSON stored under `hashKey`, or null. */
export function loadRuleBackup(hashKey: string): string | null {
  return backups.has(hashKey) ? backups.get(hashKey) : null;
}
