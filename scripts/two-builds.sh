# Sourced by check-identical and compare-speed: builds REV and the work tree
# as it is now (uncommitted and untracked files included) in release mode,
# from snapshots in fixed places so that later runs build incrementally.
# Needs ROOT, REV and WORK; sets OLD and NEW (the two binaries) and CACHE.
CACHE="$ROOT/.build-identical"
mkdir -p "$CACHE"
worktrees_gone() {
  git worktree remove --force "$CACHE/src-old" >/dev/null 2>&1 || true
  git worktree remove --force "$CACHE/src-new" >/dev/null 2>&1 || true
}
trap 'worktrees_gone; rm -rf "$WORK"' EXIT
worktrees_gone
# the work tree as a commit of its own, through a temporary index: the real
# index and HEAD are left alone
export GIT_INDEX_FILE="$WORK/index"
git read-tree HEAD
git add -A
NOW=$(git commit-tree "$(git write-tree)" -p HEAD -m "work tree")
unset GIT_INDEX_FILE
git worktree add --detach "$CACHE/src-old" "$REV" >/dev/null
git worktree add --detach "$CACHE/src-new" "$NOW" >/dev/null
echo "== building $REV and the work tree (release)"
for side in old new; do
  (cd "$CACHE/src-$side" && swift build -c release --product careplace --scratch-path "$CACHE/build-$side" >"$WORK/$side-build.log" 2>&1) \
    || { tail -20 "$WORK/$side-build.log"; exit 1; }
done
OLD="$CACHE/build-old/release/careplace"
NEW="$CACHE/build-new/release/careplace"
