"""Fields worked out on first use: a frozen model whose costly fields wait until they are read.

A decision's why-not and what-would-change cost more than the rest of it together, and a
screening run or a caller that reads only the outcome never looks at them. :class:`Deferred`
lets such a field be given as a function instead of a value: the function runs the first time
the field is read, and every way of observing the model (reading the field, ``model_dump`` and
``model_dump_json``, being dumped inside another model, ``==``, ``repr``, copying, pickling,
iterating) first works out every field still pending. A deferred model therefore shows exactly
the values an eager construction with the same functions' results would have, and nothing about
how a value is computed is known here.

>>> class Pair(Deferred):
...     a: int
...     b: list[int]
>>> calls = []
>>> p = Pair.deferred({"a": 1}, {"b": lambda: calls.append(1) or [2, 3]})
>>> len(calls), p.is_pending("b"), p.b, len(calls), p.model_dump()
(0, True, [2, 3], 1, {'a': 1, 'b': [2, 3]})
>>> Pair.deferred({"a": 1}, {"b": lambda: [2, 3]}) == Pair(a=1, b=[2, 3])
True
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Self, get_origin

from pydantic import BaseModel, PrivateAttr, SerializerFunctionWrapHandler, model_serializer


class _Pending:
    """The functions of the fields still to work out, and the lock they are worked out under."""

    __slots__ = ("functions", "lock")

    def __init__(self, functions: Mapping[str, Callable[[], Any]]) -> None:
        self.functions = dict(functions)
        self.lock = threading.RLock()  # re-entrant: a function may read another pending field


class Deferred(BaseModel):
    """A frozen model some of whose fields may be computed the first time they are observed.

    Thread-safe: the pending fields of one model are worked out under that model's lock, each
    function once; a field already worked out is read without the lock. Once nothing is
    pending the model holds no function and no lock, like one built eagerly (so it pickles).
    """

    _pending: _Pending | None = PrivateAttr(default=None)

    @classmethod
    def deferred(cls, fields: Mapping[str, Any], pending: Mapping[str, Callable[[], Any]]) -> Self:
        """A model with ``fields`` now and each of ``pending``'s fields when first observed.

        The fields given now are validated as in ``cls(**fields)``; a pending field's value is
        stored as its function returns it (give it the models the field holds).

        Raises:
            ValueError: a name in ``pending`` is not a field of the model, or is also in
                ``fields``.
        """
        unknown = [n for n in pending if n not in cls.model_fields or n in fields]
        if unknown:
            raise ValueError(f"cannot defer {', '.join(sorted(unknown))}")
        model = cls(**fields, **{name: _placeholder(cls, name) for name in pending})  # validated
        for name in pending:
            del model.__dict__[name]
        if pending:
            model.__pydantic_private__["_pending"] = _Pending(pending)  # type: ignore[index]
        return model

    def is_pending(self, name: str) -> bool:
        """True while the field ``name`` has not been worked out yet."""
        pending = self._pending_now()
        return pending is not None and name in pending.functions and name not in self.__dict__

    def resolve(self) -> Self:
        """Work out every pending field now; returns the model itself."""
        pending = self._pending_now()
        if pending is None:
            return self
        with pending.lock:
            if self._pending_now() is None:  # another thread finished while this one waited
                return self
            for name in pending.functions:
                self._work_out(pending, name)
            # In the fields' order, as an eager model has them (dumps follow this order). The
            # dictionary is swapped whole: a thread reading a field meanwhile finds it in either.
            values = self.__dict__
            ordered = {name: values[name] for name in type(self).model_fields if name in values}
            object.__setattr__(self, "__dict__", ordered)
            self.__pydantic_private__["_pending"] = None  # type: ignore[index]
        return self

    def _work_out(self, pending: _Pending, name: str) -> Any:
        """The value of the pending field ``name``, worked out once under the model's lock."""
        values = self.__dict__
        if name not in values:
            with pending.lock:
                values = self.__dict__
                if name not in values:
                    values[name] = pending.functions[name]()
        return values[name]

    def _pending_now(self) -> _Pending | None:
        private = object.__getattribute__(self, "__pydantic_private__")
        return private.get("_pending") if private else None

    if not TYPE_CHECKING:  # as in BaseModel: mypy must not allow any attribute

        def __getattr__(self, item: str) -> Any:
            pending = self._pending_now() if not item.startswith("__") else None
            if pending is not None and item in pending.functions:
                return self._work_out(pending, item)
            return super().__getattr__(item)

        def __eq__(self, other: Any) -> bool:
            if isinstance(other, Deferred):
                other.resolve()
            return super(Deferred, self.resolve()).__eq__(other)

    @model_serializer(mode="wrap")
    def _serialize(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        # No return annotation: the JSON Schema of a dump stays the model's own. A subclass
        # with a serializer of its own gives it ``self.resolve()`` instead.
        return handler(self.resolve())

    def __repr_args__(self) -> Any:
        return super(Deferred, self.resolve()).__repr_args__()

    def __iter__(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]
        return super(Deferred, self.resolve()).__iter__()

    def __copy__(self) -> Self:
        return super(Deferred, self.resolve()).__copy__()

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        return super(Deferred, self.resolve()).__deepcopy__(memo)

    def __getstate__(self) -> dict[Any, Any]:
        return super(Deferred, self.resolve()).__getstate__()


_EMPTY: dict[Any, Callable[[], Any]] = {list: list, dict: dict, tuple: tuple, set: set}
_PLACEHOLDERS: dict[tuple[type[BaseModel], str], Any] = {}


def _placeholder(cls: type[BaseModel], name: str) -> Any:
    """A value that validates for the field while it waits: its default, else an empty one.

    Made once per field (building a default can cost more than a decision): it is dropped as
    soon as the model is validated.
    """
    key = (cls, name)
    if key not in _PLACEHOLDERS:
        field = cls.model_fields[name]
        kind = field.annotation
        if not field.is_required():
            value = field.get_default(call_default_factory=True)
        elif isinstance(kind, type) and issubclass(kind, BaseModel):
            value = kind.model_construct()  # accepted as it is: instances are not validated again
        else:
            empty = _EMPTY.get(get_origin(kind) or kind)
            if empty is None:
                raise ValueError(f"cannot defer {name}: give it a default")
            value = empty()
        _PLACEHOLDERS[key] = value
    return _PLACEHOLDERS[key]
