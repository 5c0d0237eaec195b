"""Disjoint sets (union-find with path halving): groups of items joined pairwise, in near-linear time."""

from __future__ import annotations

__all__ = ["DisjointSets"]


class DisjointSets:
    """``n`` items, each first alone; :meth:`union` joins two groups, :meth:`find` names an item's group.

    A group is named by its smallest member, so the naming does not depend on the order of unions.
    """

    def __init__(self, n: int) -> None:
        self._parent = list(range(n))

    def find(self, i: int) -> int:
        """The smallest member of ``i``'s group."""
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Join the groups of ``i`` and ``j``."""
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self._parent[max(ri, rj)] = min(ri, rj)

    def same(self, i: int, j: int) -> bool:
        """True when ``i`` and ``j`` are in one group."""
        return self.find(i) == self.find(j)
