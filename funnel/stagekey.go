package funnel

// stageOf returns the index of the stage with the given key, or -1.
func (a *Analyzer) stageOf(key string) int {
	if key != "" {
		if i := a.keyHash[keySlot(key)]; i >= 0 {
			if a.keys[i] == key {
				return int(i)
			}
			return -1
		}
	}
	for i, k := range a.keys {
		if k == key {
			return i
		}
	}
	return -1
}

// keySlot places a non-empty stage key in Analyzer.keyHash.
func keySlot(key string) uint8 {
	return uint8(len(key)*31 + int(key[0]) + int(key[len(key)-1])*7)
}

// stageKeys returns the keys of the stages in list order and the table
// stageOf looks them up in.
func stageKeys(stages Stages) (keys []string, hash [256]int8) {
	for i := range hash {
		hash[i] = -1
	}
	var taken [256]bool
	for i, s := range stages {
		keys = append(keys, s.Key)
		if s.Key == "" {
			continue
		}
		k := keySlot(s.Key)
		if taken[k] {
			hash[k] = -1
		} else {
			hash[k] = int8(i)
		}
		taken[k] = true
	}
	return keys, hash
}
