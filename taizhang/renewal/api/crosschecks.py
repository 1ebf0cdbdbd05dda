from ninja import Router

router = Router(tags=["棚改旧改"])
