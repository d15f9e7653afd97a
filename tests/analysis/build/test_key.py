"""The build key's code part: what makes a store stale after an upgrade."""

from analysis.build import key


def test_a_change_to_a_view_keeps_stores_a_change_to_a_stage_does_not(tmp_path, monkeypatch):
    for module in ("views/places.py", "tone/stats.py", "build/pipeline.py"):
        (tmp_path / module).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / module).write_text("x = 1\n")
    monkeypatch.setattr(key, "PACKAGE", tmp_path)
    before = key.code_hash()
    (tmp_path / "views/places.py").write_text("x = 2  # how the app reads the tables\n")
    (tmp_path / "views/numbered.py").write_text("y = 1\n")
    assert key.code_hash() == before
    (tmp_path / "tone/stats.py").write_text("x = 2  # how a store's tone is computed\n")
    assert key.code_hash() != before

