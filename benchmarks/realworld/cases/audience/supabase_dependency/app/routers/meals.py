from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ..auth import current_user
from ..database import get_db
from ..models import Meal
from ..schemas import MealIn, MealOut

router = APIRouter(prefix="/meals", tags=["meals"])


@router.get("/", response_model=list[MealOut])
def list_meals(user: dict = Depends(current_user), db: Session = Depends(get_db)):
    return db.query(Meal).filter(Meal.owner_id == user["sub"]).order_by(Meal.eaten_at.desc()).all()


@router.post("/", response_model=MealOut)
def add_meal(body: MealIn, user: dict = Depends(current_user), db: Session = Depends(get_db)):
    meal = Meal(owner_id=user["sub"], **body.model_dump())
    db.add(meal)
    db.commit()
    db.refresh(meal)
    return meal
