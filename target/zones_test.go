package target_test

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/saleskit/saleskit/target"
)

// zoneNames lists the IANA zones of the system's zoneinfo: the files under
// /usr/share/zoneinfo that are TZif data, or else the names in the
// zoneinfo.zip that $ZONEINFO names, as the time package reads it.
func zoneNames(t *testing.T) []string {
	t.Helper()
	var names []string
	root := "/usr/share/zoneinfo"
	_ = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		if e.IsDir() {
			if rel == "posix" || rel == "right" {
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte("TZif")) || strings.Contains(rel, ".") {
			return nil
		}
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if len(names) == 0 {
		if z, err := zip.OpenReader(os.Getenv("ZONEINFO")); err == nil {
			for _, f := range z.File {
				if !strings.HasSuffix(f.Name, "/") {
					names = append(names, f.Name)
				}
			}
			z.Close()
		}
	}
	if len(names) == 0 {
		t.Skip("no zoneinfo on this system")
	}
	slices.Sort(names)
	return names
}

// checkZoneYear reads the dates of year y from their first instants in loc,
// as a CRM does when it stores dates as midnights, and checks that every
// date maps to its first instant and back, that first instants increase,
// and that splits of the year by every grain cover each date exactly once.
func checkZoneYear(t *testing.T, loc *time.Location, y int) {
	t.Helper()
	first := target.Date{Year: y, Month: time.January, Day: 1}
	last := target.Date{Year: y + 1, Month: time.January, Day: 1}
	var prev time.Time
	for d := first; !d.After(last); d = d.AddDays(1) {
		at := d.In(loc)
		got, err := target.MidnightDate(at)
		switch {
		case err != nil:
			t.Fatalf("%s: MidnightDate(%s.In) = %v", loc, d, err)
		case got != d && got != d.AddDays(1):
			t.Fatalf("%s: the first instant of %s is %v, on %s", loc, d, at, got)
		case got != d:
			// The zone skipped d (Pacific/Apia, 2011-12-30): its first
			// instant is the next day's, and no instant falls on d.
			if !at.Equal(d.AddDays(1).In(loc)) {
				t.Fatalf("%s: %s is skipped, but its first instant %v is not the next day's", loc, d, at)
			}
		}
		if !prev.IsZero() && at.Before(prev) {
			t.Fatalf("%s: the first instant of %s, %v, is before the previous date's, %v", loc, d, at, prev)
		}
		if before := at.Add(-time.Nanosecond); got == d && target.DateOf(before) == d {
			t.Fatalf("%s: %v is on %s too, before its first instant %v", loc, before, d, at)
		}
		prev = at
	}
	start, err1 := target.MidnightDate(first.In(loc))
	end, err2 := target.MidnightDate(last.In(loc))
	if err1 != nil || err2 != nil {
		t.Fatalf("%s %d: %v %v", loc, y, err1, err2)
	}
	for g := target.Quarter; g <= target.Day; g++ {
		plan, err := target.SplitTime(d("1000"), start, end, g, 2, &target.SplitOptions{Weighting: target.CalendarDays})
		if err != nil {
			t.Fatalf("%s %d by %s: %v", loc, y, g, err)
		}
		checkCovers(t, plan, start, end, d("1000"))
	}
}

func TestZonesWithMidnightDST(t *testing.T) {
	// Zones whose daylight-saving changes fall at midnight, in the years
	// they did.
	for zone, years := range map[string][]int{
		"America/Santiago":  {1990, 2000, 2011, 2016, 2019, 2022, 2024},
		"America/Asuncion":  {1995, 2000, 2010, 2020, 2024},
		"America/Havana":    {2000, 2004, 2012, 2020, 2024},
		"Asia/Beirut":       {1995, 2000, 2010, 2024},
		"Africa/Cairo":      {1995, 2010, 2014, 2023, 2024},
		"Asia/Tehran":       {2000, 2008, 2016, 2021},
		"America/Sao_Paulo": {1985, 1999, 2000, 2012, 2017, 2018},
		"Pacific/Apia":      {2011},
	} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, y := range years {
			checkZoneYear(t, loc, y)
		}
	}
}

func TestZonesWholeDatabase(t *testing.T) {
	// Every zone of the IANA database, in a sample of years: every split
	// covers each date exactly once.
	years := []int{1970, 1996, 2011, 2016, 2024}
	if testing.Short() {
		years = []int{2024}
	}
	names := zoneNames(t)
	loaded := 0
	for _, name := range names {
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue // a file of the directory that is not a zone Go reads
		}
		loaded++
		for _, y := range years {
			checkZoneYear(t, loc, y)
		}
	}
	if loaded < 300 {
		t.Fatalf("loaded %d zones of %d names; want the whole database", loaded, len(names))
	}
}
