import pytest


@pytest.fixture(autouse=True)
def private_storage(tmp_path, settings):
    """Each test stores its packs in a folder of its own: a test that changes a stored file
    (to check it is caught) cannot affect another that happens to make the same bytes."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT
