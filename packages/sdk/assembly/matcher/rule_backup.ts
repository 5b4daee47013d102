// The backup of rule-level config isolation: the raw JSON of the last rule that parsed, per match conditions.
// One store per VM, like Go's package-level map, so it outlives a plugin reconfiguration within the VM.

// A plugin has a handful of rules: two parallel lists searched in order link no hashing, which a Map would.

// @ts-ignore: decorator
@lazy const hashKeys = new Array<string>();
// @ts-ignore: decorator
@lazy const ruleJsons = new Array<string>();

/** Remembers `ruleJson` as the last good config of the rule with this hash key. */
export function storeRuleBackup(hashKey: string, ruleJson: string): void {
  const i = hashKeys.indexOf(hashKey);
  if (i >= 0) {
    ruleJsons[i] = ruleJson;
    return;
  }
  hashKeys.push(hashKey);
  ruleJsons.push(ruleJson);
}

/** The last good JSON stored under `hashKey`, or null. */
export function loadRuleBackup(hashKey: string): string | null {
  const i = hashKeys.indexOf(hashKey);
  return i >= 0 ? ruleJsons[i] : null;
}
